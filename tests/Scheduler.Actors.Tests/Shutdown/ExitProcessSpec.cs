using Microsoft.Extensions.Configuration;
using Scheduler.Configuration;

namespace Scheduler.Actors.Tests.Shutdown;

/// <summary>
/// exit-process ends the process after the phases have run. The real exit is swapped for a recorder here (exiting
/// the test host would end the test run); the setting, the order and the code are what is checked.
/// </summary>
public sealed class ExitProcessSpec
{
    [Fact]
    public async Task With_exit_process_on_the_process_exits_with_the_code_once_the_system_has_terminated()
    {
        await using var system = Create("exit-process = on\nexit-code = 3");
        var exited = new TaskCompletionSource<(int Code, bool Terminated)>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.CoordinatedShutdown.ExitProcess = code => exited.TrySetResult((code, system.WhenTerminated.IsCompleted));

        await system.CoordinatedShutdown.Run(ShutdownReason.ClusterDowning);

        (await exited.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be((3, true));
    }

    [Fact]
    public async Task With_exit_process_off_the_process_carries_on()
    {
        await using var system = Create(string.Empty);
        var exits = 0;
        system.CoordinatedShutdown.ExitProcess = _ => exits++;

        await system.CoordinatedShutdown.Run(ShutdownReason.ClusterDowning);

        exits.Should().Be(0);
        system.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task A_shutdown_run_because_the_process_is_exiting_does_not_exit_again()
    {
        await using var system = Create("exit-process = on");
        var exits = 0;
        system.CoordinatedShutdown.ExitProcess = _ => exits++;

        await system.CoordinatedShutdown.Run(ShutdownReason.ProcessExit);

        exits.Should().Be(0);
    }

    private static ActorSystem Create(string settings) =>
        ActorSystem.Create("exit", new ConfigurationBuilder().AddHoconString($"scheduler.coordinated-shutdown {{ {settings} }}").Build());
}
