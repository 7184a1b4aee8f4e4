using Scheduler.TestKit.MultiNode;

namespace Scheduler.TestKit.Tests.MultiNode;

/// <summary>Two roles, and the second fails with a message the runner must report.</summary>
public sealed class FailingRoleSpec : MultiNodeSpec
{
    private readonly RoleName _second;

    public FailingRoleSpec()
    {
        Config.Role("first");
        _second = Config.Role("second");
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await node.EnterBarrierAsync("both-up");
        node.RunOn(() => throw new InvalidOperationException("the second role saw something wrong"), _second);
        await node.EnterBarrierAsync("never-reached-by-second");
    }
}

/// <summary>The second role never arrives at a barrier the first waits at.</summary>
public sealed class MissedBarrierSpec : MultiNodeSpec
{
    private readonly RoleName _first;
    private readonly RoleName _second;

    public MissedBarrierSpec()
    {
        _first = Config.Role("first");
        _second = Config.Role("second");
        Config.BarrierTimeout = TimeSpan.FromSeconds(2);
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await node.RunOnAsync(() => node.EnterBarrierAsync("only-first"), _first);
        await node.RunOnAsync(() => node.EnterBarrierAsync("only-second"), _second);
    }
}

/// <summary>The second role's process exits in the middle of the scenario.</summary>
public sealed class CrashingRoleSpec : MultiNodeSpec
{
    private readonly RoleName _second;

    public CrashingRoleSpec()
    {
        Config.Role("first");
        _second = Config.Role("second");
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await node.EnterBarrierAsync("both-up");
        node.RunOn(() => Environment.Exit(5), _second);
        await node.EnterBarrierAsync("after-crash");
    }
}

/// <summary>What a role may not ask of the conductor is refused with the reason, and the run carries on.</summary>
public sealed class RefusedCommandsSpec : MultiNodeSpec
{
    private readonly RoleName _first;
    private readonly RoleName _second;

    public RefusedCommandsSpec()
    {
        _first = Config.Role("first");
        _second = Config.Role("second");
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await node.RunOnAsync(
            async () =>
            {
                (await node.Invoking(n => n.TestConductor.KillAsync(_first)).Should().ThrowAsync<InvalidOperationException>())
                    .WithMessage("*cannot kill itself*");
                (await node.Invoking(n => n.TestConductor.BlackholeAsync(_first, _first, Direction.Both)).Should().ThrowAsync<InvalidOperationException>())
                    .WithMessage("*two different roles*");
                await node.Invoking(n => n.TestConductor.KillAsync(new RoleName("nobody"))).Should().ThrowAsync<ArgumentException>();
                node.Invoking(n => n.Node(new RoleName("nobody"))).Should().Throw<ArgumentException>();
                node.Node(_second).Port.Should().NotBe(node.Node(_first).Port);

                await node.TestConductor.KillAsync(_second);
                (await node.Invoking(n => n.TestConductor.SuspendAsync(_second)).Should().ThrowAsync<InvalidOperationException>())
                    .WithMessage("*already been killed*");
            },
            _first);
    }
}

/// <summary>Each role reads the parameters the test process handed to the run, and misses none it was not given.</summary>
public sealed class ParametersSpec : MultiNodeSpec
{
    public ParametersSpec()
    {
        Config.Role("first");
        Config.Role("second");
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        node.Parameter("greeting").Should().Be("hello " + ParametersSpecValues.Tail);
        node.Invoking(n => n.Parameter("absent")).Should().Throw<InvalidOperationException>().WithMessage("*'absent'*");
        await node.EnterBarrierAsync("read");
    }
}

/// <summary>A value with characters a command line would mangle: the hand-over must keep it as it is.</summary>
public static class ParametersSpecValues
{
    public const string Tail = "wörld; Host=127.0.0.1;Password='a b\"c'";
}
