namespace Scheduler.Engine.Model;

/// <summary>
/// How failed attempts are retried: exponential backoff from <see cref="InitialBackoff"/>, multiplied by
/// <see cref="Multiplier"/> per retry up to <see cref="MaxBackoff"/>, spread by <see cref="Jitter"/>. The defaults
/// follow Temporal's (1 s, ×2, at most 100 × the initial backoff), except that attempts are bounded (Temporal's are
/// not), so that every accepted task reaches a terminal state.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The defaults: 10 attempts, 1 s, ×2, at most 100 s, ±20% jitter.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>How many attempts may run, the first one included; 1 means no retry.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor applied to the delay for each further retry (at least 1).</summary>
    public double Multiplier { get; init; } = 2.0;

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The fraction (0 to 1) by which a delay is spread either way, so that retries of many tasks that failed together do not arrive together.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Error kinds (as an executor reports them) that end the task at once instead of being retried.</summary>
    public IReadOnlyList<string> NonRetryableErrors { get; init; } = [];
}
