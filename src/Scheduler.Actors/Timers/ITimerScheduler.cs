namespace Scheduler.Actors;

/// <summary>
/// Keyed timers that send messages to the actor itself. Starting a timer with a key in use replaces the old one,
/// and a message from a replaced or cancelled timer is never delivered, even if it was already queued. All timers
/// are cancelled when the actor restarts or stops. Use only from within the actor.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first after one interval.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while the timer with this key may still deliver.</summary>
    bool IsTimerActive(object key);

    /// <summary>The keys of the active timers.</summary>
    IReadOnlyCollection<object> ActiveTimers { get; }

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}
