namespace Scheduler.Persistence;

/// <summary>A snapshot loaded from the store.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
