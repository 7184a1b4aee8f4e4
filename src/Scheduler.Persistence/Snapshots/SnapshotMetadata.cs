namespace Scheduler.Persistence;

/// <summary>Which entity a snapshot belongs to, up to which event it reflects, and when it was taken.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
