using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>A leaving node's worker lets its running attempts finish (within the drain timeout) before the node goes.</summary>
public sealed class WorkerDrainSpec(ITestOutputHelper output) : DrainSpecBase(output, """
    scheduler.engine.worker.drain-timeout = 20s
    scheduler.coordinated-shutdown.phases.before-cluster-shutdown.timeout = 30s
    """)
{
    [Fact]
    public async Task An_attempt_that_ends_within_the_drain_timeout_is_reported_before_the_node_leaves()
    {
        var shutdown = await RunThenLeaveAsync("drain-1");

        shutdown.IsCompleted.Should().BeFalse("the node waits for its running attempt");
        Gate.Open.SetResult();
        await shutdown;

        // The node is gone: what its task entity stored before the hand-off tells whether the end was reported.
        StoredEvents("task-drain-1").Should().EndWith("engine.task.attempt-succeeded");
        Gate.Cancelled.Task.IsCompleted.Should().BeFalse("the attempt finished on its own");
    }
}
