namespace Scheduler.Bench.Suites.Tasks;

/// <summary>How much work each phase of the <c>tasks</c> suite does.</summary>
internal sealed record TasksRunSize(int WarmUp, int WarmUpRounds, bool WaitForQuietJit, int Tasks, int Window, TimeSpan PacedFor, int QuartzWarmUp, int QuartzTasks)
{
    // The warm-up runs in rounds (at most WarmUpRounds) until tiered compilation is done with the hot path: see
    // TasksSuite.WarmUpAsync.
    public static TasksRunSize Full { get; } = new(10_000, 4, true, 30_000, 1_000, TimeSpan.FromSeconds(20), 500, 10_000);

    public static TasksRunSize Quick { get; } = new(500, 1, false, 3_000, 1_000, TimeSpan.FromSeconds(3), 100, 1_000);
}
