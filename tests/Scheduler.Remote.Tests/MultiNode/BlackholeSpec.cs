using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>
/// A blackhole between two live processes: heartbeats are lost, so the watcher's side declares the other node
/// dead and quarantines it. Once traffic passes again, the quarantined node learns it on its next contact.
/// </summary>
public sealed class BlackholeSpec : WatchedEchoSpec
{
    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var quarantined = node.CreateTestProbe("quarantined");
        node.Sys.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(quarantined.Ref);
        node.Sys.ActorOf(Props.Create<Echo>(), "echo");
        await node.EnterBarrierAsync("echo-started");

        await node.RunOnAsync(
            async () =>
            {
                var echo = await WatchEchoAsync(node);

                await node.TestConductor.BlackholeAsync(First, Second, Direction.Both);
                node.ExpectTerminated(echo, TimeSpan.FromSeconds(15)).ExistenceConfirmed.Should().BeFalse();
                await node.TestConductor.PassThroughAsync(First, Second, Direction.Both);
            },
            First);
        await node.EnterBarrierAsync("passing-again");

        node.RunOn(
            () =>
            {
                // The first node quarantined this incarnation while nothing passed; the next contact tells it so.
                node.AwaitAssert(
                    () =>
                    {
                        node.Sys.ActorSelection($"{node.Node(First)}/user/echo").Tell("anyone?", node.TestActor);
                        quarantined.ExpectMsg<ThisActorSystemQuarantinedEvent>(TimeSpan.FromMilliseconds(500)).Remote.Should().Be(node.Node(First));
                    },
                    TimeSpan.FromSeconds(15));
            },
            Second);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class BlackholeTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_blackholed_node_is_declared_dead_and_learns_it_is_quarantined() => MultiNodeRunner.RunAsync<BlackholeSpec>(output);
}
