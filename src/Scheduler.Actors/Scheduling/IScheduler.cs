namespace Scheduler.Actors;

/// <summary>
/// Delayed and repeated sends, driven by the system's <see cref="System.TimeProvider"/>, so a fake time provider
/// in tests fires them deterministically. Repeated sends keep a fixed rate.
/// </summary>
public interface IScheduler
{
    /// <summary>The clock the scheduler runs on.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> on a thread-pool thread.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
