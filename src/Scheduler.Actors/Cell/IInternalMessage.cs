namespace Scheduler.Actors;

/// <summary>
/// Messages the runtime sends itself through an actor's user queue (timer ticks, death-watch deliveries).
/// They never reach user code as such and are dropped rather than reported as dead letters.
/// </summary>
internal interface IInternalMessage;
