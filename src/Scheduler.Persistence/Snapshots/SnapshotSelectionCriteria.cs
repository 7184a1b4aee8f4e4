namespace Scheduler.Persistence;

/// <summary>Which snapshots an operation considers: those with sequence number and time within the bounds.</summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, DateTimeOffset MaxTimestamp, long MinSequenceNr = 0, DateTimeOffset MinTimestamp = default)
{
    /// <summary>Any snapshot: recovery uses the latest.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>No snapshot: recovery replays every event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>Whether a snapshot with this metadata is selected.</summary>
    public bool Matches(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimestamp &&
               metadata.SequenceNr >= MinSequenceNr && metadata.Timestamp >= MinTimestamp;
    }
}
