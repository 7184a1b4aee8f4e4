namespace Scheduler.Actors;

/// <summary>
/// Timers of one cell, on the system scheduler. Each start gets a new generation, and a tick is delivered only if
/// its key still maps to that generation: replacement and cancellation take effect even for ticks in the mailbox.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = [];
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer needs a positive interval.");
        }

        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True when the tick is current; a single timer is then spent.</summary>
    public bool Accept(TimerMessage tick)
    {
        if (!_timers.TryGetValue(tick.Key, out var timer) || timer.Generation != tick.Generation)
        {
            return false;
        }

        if (!timer.IsPeriodic)
        {
            _timers.Remove(tick.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var tick = new TimerMessage(key, generation, message);
        var scheduler = cell.System.Scheduler;
        var handle = interval is { } period
            ? scheduler.ScheduleTellRepeatedly(delay, period, cell.SelfRef, tick, cell.SelfRef)
            : scheduler.ScheduleTellOnce(delay, cell.SelfRef, tick, cell.SelfRef);
        _timers[key] = new Timer(generation, interval is not null, handle);
    }

    private sealed record Timer(int Generation, bool IsPeriodic, ICancelable Handle);

    /// <summary>A timer tick in the mailbox.</summary>
    internal sealed record TimerMessage(object Key, int Generation, object Message) : IInternalMessage;
}
