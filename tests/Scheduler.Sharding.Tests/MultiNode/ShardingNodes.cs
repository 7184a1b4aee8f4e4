using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>What the sharding multi-node specs share: fast cluster timings and a few questions to the cluster.</summary>
public static class ShardingNodes
{
    /// <summary>How long a spec waits for the cluster or the shards to settle.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    /// <summary>Cluster and sharding timings for loopback: failures are seen in about a second, decided in two.</summary>
    public const string FastTimings = LoopbackTimings.Hocon;

    /// <summary>Waits until this node sees exactly <paramref name="count"/> members, all Up.</summary>
    public static void AwaitUp(MultiNodeTestKit node, int count)
    {
        var cluster = Cluster.Cluster.Get(node.Sys);
        node.AwaitAssert(
            () =>
            {
                cluster.State.Members.Should().HaveCount(count);
                cluster.State.Members.Should().OnlyContain(m => m.Status == MemberStatus.Up);
            },
            Patience);
    }

    /// <summary>How many shards each region hosts, for regions hosting any.</summary>
    public static IReadOnlyDictionary<Address, int> ShardsPerNode(MultiNodeTestKit node, IActorRef region)
    {
        var probe = node.CreateTestProbe();
        region.Tell(new GetClusterShardingStats(TimeSpan.FromSeconds(3)), probe.Ref);
        return probe.ExpectMsg<ClusterShardingStats>(TimeSpan.FromSeconds(10)).Regions
            .Where(pair => pair.Value.Stats.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Value.Stats.Count);
    }
}
