using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>A leaving node's attempts that outlast the drain timeout are cancelled and requeued, not counted as failures.</summary>
public sealed class WorkerDrainTimeoutSpec(ITestOutputHelper output) : DrainSpecBase(output, """
    scheduler.engine.worker.drain-timeout = 200ms
    """)
{
    [Fact]
    public async Task An_attempt_still_running_at_the_drain_timeout_is_cancelled_and_requeued_without_a_failure()
    {
        var shutdown = await RunThenLeaveAsync("slow-1");

        (await Gate.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(1);
        await shutdown;

        // Reported before the hand-off, as cancelled: the task is requeued (it runs on the next node that has it)
        // and an attempt cut short by its node leaving is not the task's failure.
        var stored = StoredEvents("task-slow-1").ToList();
        stored.Should().Contain("engine.task.attempt-cancelled").And.NotContain("engine.task.attempt-failed");
        stored.IndexOf("engine.task.attempt-cancelled").Should().BeGreaterThan(stored.IndexOf("engine.task.attempt-started"));
    }
}
