namespace Scheduler.Bench.Suites.Tasks;

/// <summary>How much work each phase of the <c>tasks</c> suite does.</summary>
internal sealed record TasksRunSize(int WarmUp, int Tasks, int Window, TimeSpan PacedFor, int QuartzWarmUp, int QuartzTasks)
{
    // The warm-up runs long enough for tiered compilation to finish with the hot path (with 5,000 tasks the JIT still
    // took 7 to 9 % of the CPU during the measured peak).
    public static TasksRunSize Full { get; } = new(20_000, 30_000, 1_000, TimeSpan.FromSeconds(20), 500, 10_000);

    public static TasksRunSize Quick { get; } = new(500, 3_000, 1_000, TimeSpan.FromSeconds(3), 100, 1_000);
}
