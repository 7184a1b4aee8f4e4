using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// A member killed with SIGKILL becomes unreachable for the survivors (heartbeats on the ring); once it is marked
/// Down by hand the cluster converges again without it and the leader removes it. The split-brain resolver is off
/// here, as it is for operators who down by hand.
/// </summary>
public sealed class UnreachableDownSpec : ClusterSpec
{
    public UnreachableDownSpec()
        : base("first", "second", "third")
    {
        Config.CommonHocon += "\nscheduler.cluster.downing-provider = off\n";
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Get(node.Sys);
        var events = node.CreateTestProbe("events");
        await JoinAllAsync(node, "all-up");
        cluster.Subscribe(events.Ref, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.ReachabilityEvent), typeof(ClusterEvent.MemberEvent));
        events.ExpectMsg<CurrentClusterState>().Members.Should().HaveCount(3);
        await node.EnterBarrierAsync("subscribed");

        var third = node.Node(Roles[2]);
        await node.RunOnAsync(() => node.TestConductor.KillAsync(Roles[2]), Roles[0]);
        await node.EnterBarrierAsync("third-killed");

        events.FishForMessage<ClusterEvent.UnreachableMember>(e => e.Member.Address.Equals(third), TimeSpan.FromSeconds(15));
        cluster.State.Unreachable.Select(m => m.Address).Should().Equal(third);
        await node.EnterBarrierAsync("third-unreachable");

        node.RunOn(() => cluster.Down(third), Roles[1]);
        events.FishForMessage<ClusterEvent.MemberDowned>(e => e.Member.Address.Equals(third), TimeSpan.FromSeconds(15));
        events.FishForMessage<ClusterEvent.MemberRemoved>(e => e.Member.Address.Equals(third), TimeSpan.FromSeconds(15))
            .PreviousStatus.Should().Be(MemberStatus.Down);
        AwaitMembersUp(node, 2);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class UnreachableDownTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_killed_member_becomes_unreachable_and_once_downed_is_removed() => MultiNodeRunner.RunAsync<UnreachableDownSpec>(output);
}
