using Scheduler.Cluster.Events;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// The link between two of three members flaps: cut until the first sees the third unreachable, restored until it
/// sees it reachable, again and again. The partition never stays the same for stable-after, so no side decides;
/// with down-all-when-unstable, once reachability has kept changing for stable-after plus that window, every
/// member is downed and shuts down.
/// </summary>
public sealed class FlappingPartitionSpec : ClusterSpec
{
    public FlappingPartitionSpec()
        : base("first", "second", "third")
    {
        Config.CommonHocon += """

            scheduler.cluster.split-brain-resolver {
              stable-after = 2s
              down-all-when-unstable = 1s
            }
            """;
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Get(node.Sys);
        await JoinAllAsync(node, "all-up");

        await node.RunOnAsync(
            async () =>
            {
                var events = node.CreateTestProbe("events");
                cluster.Subscribe(events.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.ReachabilityEvent), typeof(ClusterEvent.MemberDowned));
                var third = node.Node(Roles[2]);
                var downed = false;
                for (var round = 0; !downed; round++)
                {
                    round.Should().BeLessThan(20, "down-all-when-unstable should have downed everyone within a few flaps");
                    await node.TestConductor.BlackholeAsync(Roles[0], Roles[2], Direction.Both);
                    downed = Await<ClusterEvent.UnreachableMember>(events, third);
                    await node.TestConductor.PassThroughAsync(Roles[0], Roles[2], Direction.Both);
                    downed = downed || Await<ClusterEvent.ReachableMember>(events, third);
                }
            },
            Roles[0]);
        await AwaitDownedAndTerminatedAsync(node);
    }

    /// <summary>Waits for <typeparamref name="T"/> about <paramref name="subject"/>; true if a member was downed first.</summary>
    private static bool Await<T>(TestKit.TestProbe events, Actors.Address subject)
        where T : ClusterEvent.ReachabilityEvent
    {
        var seen = events.FishForMessage<ClusterEvent>(
            e => e is ClusterEvent.MemberDowned || (e is T reachability && reachability.Member.Address.Equals(subject)),
            TimeSpan.FromSeconds(15));
        return seen is ClusterEvent.MemberDowned;
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class FlappingPartitionTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_flapping_partition_with_down_all_when_unstable_downs_every_member() => MultiNodeRunner.RunAsync<FlappingPartitionSpec>(output);
}
