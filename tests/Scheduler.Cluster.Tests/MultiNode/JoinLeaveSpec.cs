using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// Three processes join through the first as seed and converge on one leader; the third leaves through
/// coordinated shutdown and is removed, and the others see MemberLeft, MemberExited and MemberRemoved.
/// </summary>
public sealed class JoinLeaveSpec : ClusterSpec
{
    public JoinLeaveSpec()
        : base("first", "second", "third")
    {
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Get(node.Sys);
        var events = node.CreateTestProbe("events");
        cluster.Subscribe(events.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberEvent), typeof(ClusterEvent.LeaderChanged));
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());

        await JoinAllAsync(node, "all-up");
        await up.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var leaders = Roles.Select(node.Node).Order(AddressOrdering.Instance).ToList();
        cluster.State.Leader.Should().Be(leaders[0], "the leader is the member with the lowest address");
        node.AwaitAssert(() => cluster.State.SeenBy.Should().HaveCount(3, "gossip spreads until everyone has seen the latest version"), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            events.FishForMessage<ClusterEvent.MemberUp>(_ => true, TimeSpan.FromSeconds(5));
        }

        await node.EnterBarrierAsync("subscribed");
        var third = Roles[2];
        node.RunOn(() => _ = node.Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving), third);
        await node.RunOnAsync(
            async () =>
            {
                await node.Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
            },
            third);
        node.RunOn(
            () =>
            {
                var address = node.Node(third);
                events.FishForMessage<ClusterEvent.MemberLeft>(e => e.Member.Address.Equals(address), TimeSpan.FromSeconds(20));
                events.FishForMessage<ClusterEvent.MemberExited>(e => e.Member.Address.Equals(address), TimeSpan.FromSeconds(20));
                var removed = events.FishForMessage<ClusterEvent.MemberRemoved>(e => e.Member.Address.Equals(address), TimeSpan.FromSeconds(20));
                removed.PreviousStatus.Should().Be(MemberStatus.Exiting);
                AwaitMembersUp(node, 2);
            },
            Roles[0],
            Roles[1]);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class JoinLeaveTests(ITestOutputHelper output)
{
    [Fact]
    public Task Three_nodes_join_and_converge_and_a_leaving_member_is_removed() => MultiNodeRunner.RunAsync<JoinLeaveSpec>(output);
}
