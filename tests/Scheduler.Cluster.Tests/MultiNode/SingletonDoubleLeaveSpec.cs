using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// The two oldest members leave at the same moment. The oldest hands the singleton over, but the member it would go
/// to is leaving too, so it must pass on to the third: the singleton ends on the oldest member that stays, and the
/// proxies of the members that stay find it there.
/// </summary>
public sealed class SingletonDoubleLeaveSpec : SingletonSpecBase
{
    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Get(node.Sys);
        await JoinAllAsync(node, "all-up");
        var proxy = StartSingleton(node);
        var answers = node.CreateTestProbe("answers");
        await node.EnterBarrierAsync("started");
        Ask(proxy, answers).Should().Be(node.Node(Roles[0]));
        await node.EnterBarrierAsync("on-first");

        RoleName[] leaving = [Roles[0], Roles[1]];
        node.RunOn(() => _ = node.Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving), leaving);
        await node.RunOnAsync(() => node.Sys.WhenTerminated.WaitAsync(Patience), leaving);
        node.RunOn(
            () =>
            {
                AwaitRemoved(node, node.Node(Roles[0]));
                AwaitRemoved(node, node.Node(Roles[1]));
                var oldest = OldestUp(cluster);
                new[] { node.Node(Roles[2]), node.Node(Roles[3]) }.Should().Contain(oldest);
                Ask(proxy, answers).Should().Be(oldest, "the singleton moved past the second, which left too");
            },
            Roles[2],
            Roles[3]);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class SingletonDoubleLeaveTests(ITestOutputHelper output)
{
    [Fact]
    public Task When_the_two_oldest_leave_together_the_singleton_ends_on_the_oldest_that_stays() =>
        MultiNodeRunner.RunAsync<SingletonDoubleLeaveSpec>(output);
}
