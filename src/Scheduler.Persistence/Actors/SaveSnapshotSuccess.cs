namespace Scheduler.Persistence;

/// <summary>Sent to the actor when its snapshot was stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);
