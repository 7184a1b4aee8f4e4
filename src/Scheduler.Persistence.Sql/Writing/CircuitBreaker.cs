namespace Scheduler.Persistence.Sql;

/// <summary>
/// Stops hammering a database that is down: after <c>maxFailures</c> failures in a row the breaker opens and calls
/// fail at once; once <c>resetTimeout</c> has passed it lets one call through (half-open), whose success closes it
/// and whose failure opens it again. Pure: the caller passes the time.
/// </summary>
internal sealed class CircuitBreaker(int maxFailures, TimeSpan resetTimeout)
{
    private readonly Lock _gate = new();
    private int _failures;
    private TimeSpan? _openedAt;
    private bool _trialRunning;

    /// <summary>Whether a call may go to the database now.</summary>
    public bool TryAcquire(TimeSpan now)
    {
        lock (_gate)
        {
            if (_openedAt is not { } opened)
            {
                return true;
            }

            if (now - opened < resetTimeout || _trialRunning)
            {
                return false;
            }

            _trialRunning = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _openedAt = null;
            _trialRunning = false;
        }
    }

    public void RecordFailure(TimeSpan now)
    {
        lock (_gate)
        {
            _failures++;
            if (_trialRunning || _failures >= maxFailures)
            {
                _openedAt = now;
            }

            _trialRunning = false;
        }
    }

    /// <summary>True while calls are refused.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _openedAt is not null;
            }
        }
    }
}
