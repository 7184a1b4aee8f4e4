namespace Scheduler.Persistence;

/// <summary>Sent to the actor when its snapshot could not be stored.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
