using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Retries;

/// <summary>
/// The retry rule of a <see cref="RetryPolicy"/> as a pure function: whether a failed attempt is retried and after
/// how long. Randomness comes in as a sample, so tables can test it.
/// </summary>
public static class RetryBackoff
{
    /// <summary>
    /// The delay before the next attempt after <paramref name="failures"/> failures of this run (the one just
    /// reported included), or null when the task gives up: the policy's attempts are used up, or the error kind is
    /// one it does not retry, or one no retry can fix (<see cref="ErrorKinds.IsFinal"/>).
    /// </summary>
    /// <param name="policy">The task's policy.</param>
    /// <param name="failures">Failed attempts so far, at least 1.</param>
    /// <param name="errorKind">The kind of the last error.</param>
    /// <param name="sample">A uniform sample in [0, 1) that places the delay within the jitter band.</param>
    public static TimeSpan? NextDelay(RetryPolicy policy, int failures, string errorKind, double sample)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        if (failures >= policy.MaxAttempts || ErrorKinds.IsFinal(errorKind) || policy.NonRetryableErrors.Contains(errorKind, StringComparer.Ordinal))
        {
            return null;
        }

        return Delay(policy, failures, sample);
    }

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(RetryPolicy policy, int retry, double sample)
    {
        ArgumentNullException.ThrowIfNull(policy);
        // Computed in double ticks and clamped before converting back, so a large exponent saturates at the maximum
        // instead of overflowing.
        var growth = Math.Pow(policy.Multiplier, retry - 1);
        var ticks = Math.Min(policy.InitialBackoff.Ticks * growth, policy.MaxBackoff.Ticks);
        var spread = 1 + policy.Jitter * (2 * Math.Clamp(sample, 0, 1) - 1);
        ticks = Math.Min(ticks * spread, policy.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
