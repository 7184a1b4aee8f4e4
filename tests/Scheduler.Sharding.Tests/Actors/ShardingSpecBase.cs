using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Cluster.Members;
using Scheduler.Remote;
using Scheduler.Sharding.Extraction;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

/// <summary>
/// A kit whose system is a one-member cluster on a loopback port, with fast cluster and sharding timings, so a
/// spec can start sharded types and talk to their entities.
/// </summary>
public abstract class ShardingSpecBase : TestKit.TestKit
{
    public const string FastTimings = """
        scheduler.remote.port = 0
        scheduler.cluster {
          seed-node-timeout = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          failure-detector.heartbeat-interval = 200ms
          sharding {
            retry-interval = 200ms
            rebalance-interval = 500ms
            handoff-timeout = 4s
          }
        }
        """;

    protected ShardingSpecBase(ITestOutputHelper output, string? hocon = null)
        : base(output, new TestKitOptions
        {
            Hocon = FastTimings + "\n" + (hocon ?? string.Empty),
            Setup = static setup => setup.WithRemoting(),
            Serialization = Counter.Register,
        })
    {
    }

    protected ClusterSharding Sharding => ClusterSharding.Get(Sys);

    protected ClusterShardingSettings Settings => ClusterShardingSettings.Create(Sys);

    protected static HashCodeMessageExtractor Extractor { get; } = new(10);

    /// <summary>Forms a cluster of this node alone and waits until it is Up.</summary>
    protected void JoinSelf()
    {
        var cluster = Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember?.Status == MemberStatus.Up, TimeSpan.FromSeconds(10));
    }

    /// <summary>Starts the "counter" type, its entities reporting to <paramref name="reporter"/>.</summary>
    protected IActorRef StartCounters(IActorRef? reporter, ClusterShardingSettings? settings = null, object? handOffStopMessage = null) =>
        Sharding.Start("counter", id => Counter.Props(id, reporter), settings ?? Settings, Extractor, handOffStopMessage: handOffStopMessage);

    protected static ShardingEnvelope To(string entityId, object message) => new(entityId, message);
}
