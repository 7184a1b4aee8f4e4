namespace Scheduler.Actors;

/// <summary>A user message and who sent it.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
