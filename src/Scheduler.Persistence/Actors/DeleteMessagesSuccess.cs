namespace Scheduler.Persistence;

/// <summary>Sent to the actor when its events up to a sequence number are marked deleted.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);
