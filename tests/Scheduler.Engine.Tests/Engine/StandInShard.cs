using Scheduler.Actors;
using Scheduler.Engine.Tasks;
using Scheduler.Sharding;
using Scheduler.TestKit;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// Parents one real task entity (on the spec's real journal) in place of its shard: passes it what the spec sends,
/// and tells the spec what the entity asks of its shard and when it stops. Probes play its dispatcher and node
/// monitor, so a spec orders the messages around the entity itself.
/// </summary>
internal sealed class StandInShard : ReceiveActor
{
    public StandInShard(Props entityProps, IActorRef sees)
    {
        var entity = Context.ActorOf(entityProps, "entity");
        Context.Watch(entity);
        Receive<ToEntity>(to => entity.Forward(to.Message));
        Receive<StopEntity>(_ => Context.Stop(entity));
        Receive<Terminated>(_ => sees.Tell(new EntityStopped()));
        ReceiveAny(message => sees.Tell(message));
    }

    /// <summary>Starts task entity <paramref name="id"/> under a stand-in shard, with probes around it.</summary>
    public static StandInEntity Start(TestKitBase kit, string id, EngineSettings settings)
    {
        var shardSees = kit.CreateTestProbe("shard-sees");
        var dispatcher = kit.CreateTestProbe("dispatcher");
        var monitor = kit.CreateTestProbe("node-monitor");
        var runtime = new EngineRuntime(
            settings, Cluster.Cluster.Get(kit.Sys).SelfAddress, dispatcher.Ref, monitor.Ref, ClusterSharding.Get(kit.Sys), DueIndex: null);
        var shard = kit.Sys.ActorOf(Props.Create(() => new StandInShard(TaskEntity.Props(id, runtime), shardSees.Ref)), "stand-in-" + id);
        return new StandInEntity(shard, shardSees, dispatcher, monitor);
    }

    public sealed record ToEntity(object Message);

    /// <summary>Stops the entity at once, as a shard whose hand-off ran out of time does.</summary>
    public sealed record StopEntity;

    public sealed record EntityStopped;
}
