namespace Scheduler.Persistence;

/// <summary>Sent to the actor when the snapshots it asked to delete are gone.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);
