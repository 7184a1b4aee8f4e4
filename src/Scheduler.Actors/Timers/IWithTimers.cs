namespace Scheduler.Actors;

/// <summary>Implemented by actors that use keyed timers; the runtime sets <see cref="Timers"/>.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timers, set by the runtime.</summary>
    ITimerScheduler Timers { get; set; }
}
