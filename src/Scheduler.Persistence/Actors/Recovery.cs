namespace Scheduler.Persistence;

/// <summary>How a persistent actor recovers: from which snapshot, and up to which event.</summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue)
{
    /// <summary>From the latest snapshot, then every later event.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>Every event from the first, without asking the snapshot store: for actors that never save a snapshot.</summary>
    public static Recovery WithoutSnapshots { get; } = new(SnapshotSelectionCriteria.None);

    /// <summary>No recovery at all: the actor starts empty (its sequence numbers still continue after the stored ones).</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0);
}
