namespace Scheduler.Persistence;

/// <summary>Sent to the actor when its events could not be deleted.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);
