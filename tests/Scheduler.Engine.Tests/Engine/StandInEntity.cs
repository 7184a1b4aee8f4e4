using Scheduler.Actors;
using Scheduler.TestKit;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>A task entity under a <see cref="StandInShard"/>, and the probes around it.</summary>
internal sealed record StandInEntity(IActorRef Shard, TestProbe ShardSees, TestProbe Dispatcher, TestProbe NodeMonitor)
{
    /// <summary>Sends <paramref name="message"/> to the entity, from <paramref name="sender"/>.</summary>
    public void Tell(object message, IActorRef sender) => Shard.Tell(new StandInShard.ToEntity(message), sender);
}
