namespace Scheduler.Actors;

/// <summary>
/// Messages the runtime sends itself through an actor's user queue (timer ticks, death-watch deliveries).
/// They never reach user code as such and are dropped rather than reported as dead letters.
/// </summary>
internal interface IInternalMessage;

/// <summary>A Terminated (or a WatchWith message) on its way to the watcher, checked against Unwatch on arrival.</summary>
internal sealed record DeathWatchDelivery(IActorRef Actor, object Message) : IInternalMessage;

/// <summary>A receive-timeout check; see ActorCell.ReceiveTimeout.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IInternalMessage, INotInfluenceReceiveTimeout;
