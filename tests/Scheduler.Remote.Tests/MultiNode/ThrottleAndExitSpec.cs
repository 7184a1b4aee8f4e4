using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>
/// A throttled link still delivers everything, in order; a role asked to exit terminates its system and its
/// process ends with the code asked for, and the spec carries on without it.
/// </summary>
public sealed class ThrottleAndExitSpec : MultiNodeSpec
{
    private readonly RoleName _first;
    private readonly RoleName _second;
    private readonly RoleName _third;

    public ThrottleAndExitSpec()
    {
        _first = Config.Role("first");
        _second = Config.Role("second");
        _third = Config.Role("third");
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        node.Sys.ActorOf(Props.Create<Echo>(), "echo");
        await node.EnterBarrierAsync("echo-started");

        await node.RunOnAsync(
            async () =>
            {
                await node.TestConductor.ThrottleAsync(_first, _second, Direction.Both, bytesPerSecond: 20_000);
                var echo = await node.Sys.ActorSelection($"{node.Node(_second)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
                var texts = Enumerable.Range(0, 20).Select(i => $"{i:D3}{new string('x', 500)}").ToList();
                foreach (var text in texts)
                {
                    echo.Tell(text, node.TestActor);
                }

                foreach (var text in texts)
                {
                    node.ExpectMsg(text, TimeSpan.FromSeconds(15));
                }

                await node.TestConductor.PassThroughAsync(_first, _second, Direction.Both);
                await node.TestConductor.ExitAsync(_third, exitCode: 7);
            },
            _first);
        await node.EnterBarrierAsync("third-gone");
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class ThrottleAndExitTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_throttled_link_delivers_in_order_and_an_exited_role_leaves_the_barriers() => MultiNodeRunner.RunAsync<ThrottleAndExitSpec>(output);
}
