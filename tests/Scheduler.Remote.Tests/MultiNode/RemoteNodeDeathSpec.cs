using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>
/// Two processes; the first watches an actor of the second, then the second is killed with SIGKILL. The first's
/// heartbeats go unanswered, and its watcher receives Terminated without confirmed existence.
/// </summary>
public sealed class RemoteNodeDeathSpec : WatchedEchoSpec
{
    public override async Task RunAsync(MultiNodeTestKit node)
    {
        node.RunOn(() => node.Sys.ActorOf(Props.Create<Echo>(), "echo"), Second);
        await node.EnterBarrierAsync("echo-started");

        await node.RunOnAsync(
            async () =>
            {
                var echo = await WatchEchoAsync(node);

                await node.TestConductor.KillAsync(Second);
                node.ExpectTerminated(echo, TimeSpan.FromSeconds(15)).ExistenceConfirmed.Should().BeFalse();
            },
            First);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class RemoteNodeDeathTests(ITestOutputHelper output)
{
    [Fact]
    public Task Watchers_of_a_killed_node_receive_Terminated() => MultiNodeRunner.RunAsync<RemoteNodeDeathSpec>(output);
}
