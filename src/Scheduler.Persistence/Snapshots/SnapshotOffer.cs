namespace Scheduler.Persistence;

/// <summary>Offered to the recovery handlers first, when a snapshot was found; events after it follow.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
