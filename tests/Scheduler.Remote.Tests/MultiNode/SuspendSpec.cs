using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>
/// SIGSTOP freezes the second process with its sockets open: a long GC pause or a frozen VM, as the first node sees
/// it. The first declares it dead; after SIGCONT the second carries on and is told it has been quarantined.
/// </summary>
public sealed class SuspendSpec : WatchedEchoSpec
{
    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var quarantined = node.CreateTestProbe("quarantined");
        node.Sys.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(quarantined.Ref);
        node.RunOn(() => node.Sys.ActorOf(Props.Create<Echo>(), "echo"), Second);
        await node.EnterBarrierAsync("echo-started");

        await node.RunOnAsync(
            async () =>
            {
                var echo = await WatchEchoAsync(node);

                await node.TestConductor.SuspendAsync(Second);
                node.ExpectTerminated(echo, TimeSpan.FromSeconds(15)).ExistenceConfirmed.Should().BeFalse();
                await node.TestConductor.ResumeAsync(Second);
            },
            First);
        await node.EnterBarrierAsync("resumed");

        node.RunOn(
            () => quarantined.ExpectMsg<ThisActorSystemQuarantinedEvent>(TimeSpan.FromSeconds(15)).Remote.Should().Be(node.Node(First)),
            Second);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class SuspendTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_frozen_process_is_declared_dead_and_told_so_when_it_resumes() => MultiNodeRunner.RunAsync<SuspendSpec>(output);
}
