using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Sharding.Extraction;
using Scheduler.TestKit.MultiNode;
using static Scheduler.Sharding.Tests.MultiNode.ShardingNodes;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>
/// Three nodes host 1,000 entities that receive messages from every node; a fourth joins and shards rebalance to
/// it while messages keep coming; then the fourth leaves and hands its shards back. Every entity reports what it
/// saw to a collector on the first node: each message arrives exactly once through all of it.
/// </summary>
public sealed class ShardingMultiNodeSpec : MultiNodeSpec
{
    private const int Entities = 1000;
    private static readonly HashCodeMessageExtractor Extractor = new(30);

    public ShardingMultiNodeSpec()
    {
        Roles = [.. new[] { "first", "second", "third", "fourth" }.Select(Config.Role)];
        Config.CommonHocon = FastTimings;
        Config.Serialization = registry =>
        {
            Counter.Register(registry);
            registry.Register<Collector.HowMany>("test.collector.how-many");
            registry.Register<Collector.Tally>("test.collector.tally");
        };
        Config.Timeout = TimeSpan.FromMinutes(3);
    }

    private IReadOnlyList<RoleName> Roles { get; }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Cluster.Get(node.Sys);
        var (first, fourth) = (Roles[0], Roles[3]);
        var three = Roles.Take(3).ToArray();
        node.RunOn(() => node.Sys.ActorOf(Props.Create<Collector>(), Collector.Name), first);
        await node.EnterBarrierAsync("collector-started");

        var collector = node.Sys.ResolveActorRef($"{node.Node(first)}/user/{Collector.Name}");
        IActorRef? region = null;
        node.RunOn(
            () =>
            {
                cluster.JoinSeedNodes([node.Node(first)]);
                AwaitUp(node, 3);
                region = ClusterSharding.Get(node.Sys).Start("counter", id => Counter.Props(id, collector), ClusterShardingSettings.Create(node.Sys), Extractor);
            },
            three);
        await node.EnterBarrierAsync("three-up");

        // Round one: every node of the three sends one message to each entity.
        var index = Roles.ToList().IndexOf(node.Myself);
        node.RunOn(() => SendRound(region!, round: 1, index), three);
        node.RunOn(
            () =>
            {
                AwaitTally(node, collector, 3 * Entities);
                // A region that registered late gets its share from the rebalancer. Checked before the barrier: past
                // it the fourth joins and may take shards of its own.
                node.AwaitAssert(() => ShardsPerNode(node, region!).Should().HaveCount(3, "every node of three hosts shards"), Patience);
            },
            first);
        await node.EnterBarrierAsync("round-one-delivered");

        // The fourth joins and takes its share while round two is under way.
        node.RunOn(
            () =>
            {
                cluster.JoinSeedNodes([node.Node(first)]);
                AwaitUp(node, 4);
                region = ClusterSharding.Get(node.Sys).Start("counter", id => Counter.Props(id, collector), ClusterShardingSettings.Create(node.Sys), Extractor);
            },
            fourth);
        node.RunOn(() => AwaitUp(node, 4), three);
        await node.EnterBarrierAsync("four-up");
        node.RunOn(() => SendRound(region!, round: 2, index), three);
        node.RunOn(
            () =>
            {
                node.AwaitAssert(() => ShardsPerNode(node, region!).GetValueOrDefault(node.Node(fourth)).Should().BeGreaterThan(0), Patience);
                AwaitTally(node, collector, 6 * Entities);
            },
            first);
        await node.EnterBarrierAsync("rebalanced");

        // The fourth sends too, then leaves: its shards are handed back while the others keep sending.
        node.RunOn(() => SendRound(region!, round: 3, index), Roles.ToArray());
        node.RunOn(() => _ = node.Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving), fourth);
        node.RunOn(() => SendRound(region!, round: 4, index), three);
        await node.RunOnAsync(() => node.Sys.WhenTerminated.WaitAsync(Patience), fourth);
        node.RunOn(
            () =>
            {
                AwaitTally(node, collector, (6 * Entities) + (4 * Entities) + (3 * Entities));
                ShardsPerNode(node, region!).Keys.Should().NotContain(node.Node(fourth));
            },
            first);
        await node.EnterBarrierAsync("done");
    }

    /// <summary>One message to each entity, numbered uniquely by round, node and entity.</summary>
    private static void SendRound(IActorRef region, int round, int node)
    {
        for (var entity = 0; entity < Entities; entity++)
        {
            region.Tell(new ShardingEnvelope($"e{entity}", new Counter.Add((round * 10_000_000) + (node * 100_000) + entity)));
        }
    }

    private static void AwaitTally(MultiNodeTestKit node, IActorRef collector, int expected)
    {
        var probe = node.CreateTestProbe();
        node.AwaitAssert(
            () =>
            {
                collector.Tell(Collector.HowMany.Instance, probe.Ref);
                var tally = probe.ExpectMsg<Collector.Tally>(TimeSpan.FromSeconds(5));
                tally.Duplicates.Should().Be(0, "no message is delivered twice");
                tally.Distinct.Should().Be(expected, "every message sent arrives");
            },
            Patience,
            TimeSpan.FromMilliseconds(200));
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class ShardingMultiNodeTests(ITestOutputHelper output)
{
    [Fact]
    public Task Entities_get_every_message_once_while_a_node_joins_and_leaves() => MultiNodeRunner.RunAsync<ShardingMultiNodeSpec>(output);
}
