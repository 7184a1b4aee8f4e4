namespace Scheduler.Actors;

/// <summary>
/// Delivered exactly once to an actor that watches <paramref name="ActorRef"/> when that actor has stopped.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) when watched.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);
