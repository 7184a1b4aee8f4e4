namespace Scheduler.Actors;

/// <summary>A Terminated (or a WatchWith message) on its way to the watcher, checked against Unwatch on arrival.</summary>
internal sealed record DeathWatchDelivery(IActorRef Actor, object Message) : IInternalMessage;
