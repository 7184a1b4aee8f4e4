namespace Scheduler.Persistence;

/// <summary>Sent to the actor when its snapshots could not be deleted.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
