namespace Scheduler.Actors;

/// <summary>
/// The delay before the n-th restart of a backoff supervisor's child: exponential from a minimum, with
/// multiplicative jitter, capped at a maximum. Pure: the random draw is an argument.
/// </summary>
internal static class BackoffDelay
{
    /// <summary>
    /// <c>min(max, minBackoff * 2^restartCount * (1 + random * randomFactor))</c>.
    /// </summary>
    /// <param name="restartCount">Restarts already made (0 for the first).</param>
    /// <param name="minBackoff">The first delay.</param>
    /// <param name="maxBackoff">The cap.</param>
    /// <param name="randomFactor">Jitter: 0.2 adds up to 20 %.</param>
    /// <param name="random">A draw from [0, 1).</param>
    public static TimeSpan Compute(int restartCount, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, double random)
    {
        if (restartCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(restartCount), restartCount, "The restart count is never negative.");
        }

        // Beyond 2^30 every realistic minimum exceeds any cap; stop multiplying before doubles lose meaning.
        var exponential = restartCount >= 30 ? double.PositiveInfinity : minBackoff.Ticks * Math.Pow(2, restartCount);
        var jittered = exponential * (1 + (random * randomFactor));
        return jittered >= maxBackoff.Ticks ? maxBackoff : TimeSpan.FromTicks((long)jittered);
    }
}
