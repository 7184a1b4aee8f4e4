namespace Scheduler.Engine.Workers;

/// <summary>What this node's worker offers: slots, tags and declared resources.</summary>
public sealed record WorkerSettings
{
    /// <summary>Attempts that may run at once (each takes the slots its task asks for).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Tags tasks can require.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Declared CPU in thousandths of a core; 0: not declared.</summary>
    public int CpuMillis { get; init; }

    /// <summary>Declared memory in MiB; 0: not declared.</summary>
    public int MemoryMiB { get; init; }

    /// <summary>
    /// How long after accepting an attempt the worker reports it started; zero: at once. An attempt that ends sooner
    /// is reported by its end alone, and its task stores the start with the end in one journal write instead of two.
    /// </summary>
    public TimeSpan ReportStartedAfter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Ends of attempts remembered for answering repeated dispatches.</summary>
    public int RememberedOutcomes { get; init; } = 10_000;

    /// <summary>
    /// How long a leaving node's running attempts may go on to finish; then they are cancelled and run again
    /// elsewhere without counting as failures.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first delay before a crashed executor actor is started again; it doubles up to <see cref="ExecutorMaxBackoff"/>.</summary>
    public TimeSpan ExecutorMinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay before a crashed executor actor is started again.</summary>
    public TimeSpan ExecutorMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Restarts of a crashed executor actor before its attempt fails with <c>executor-crashed</c>.</summary>
    public int ExecutorMaxRestarts { get; init; } = 5;
}
