namespace Scheduler.Actors;

/// <summary>
/// Counts a child's restarts for the rule "at most N restarts within a window". A pure value holder: the caller
/// passes the current time, so the rule is tested with tables.
/// </summary>
internal sealed class RestartStatistics
{
    private TimeSpan? _windowStart;

    /// <summary>Restarts counted in the current window (or in total, without a window).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Records a restart request and says whether it is allowed. A negative <paramref name="maxNrOfRetries"/>
    /// means no limit (with a window, one restart per window, as in Akka); zero forbids restarts; without a window
    /// the limit counts every restart ever; with one, the count starts again once <paramref name="window"/> has
    /// passed since the first restart of the current window.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, TimeSpan now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (window is not { } length)
        {
            if (maxNrOfRetries < 0)
            {
                return true;
            }

            Count++;
            return Count <= maxNrOfRetries;
        }

        var retries = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var start = _windowStart ??= now;
        if (now - start <= length)
        {
            Count++;
            return Count <= retries;
        }

        Count = 1;
        _windowStart = now;
        return true;
    }
}
