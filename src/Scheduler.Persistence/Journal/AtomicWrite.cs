namespace Scheduler.Persistence;

/// <summary>Events of one entity that are stored all together or not at all (one <c>PersistAll</c>).</summary>
public sealed record AtomicWrite
{
    /// <summary>Creates the write; every event must belong to the same entity, in ascending sequence.</summary>
    public AtomicWrite(IReadOnlyList<PersistentRepresentation> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write holds at least one event.", nameof(events));
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (!string.Equals(events[i].PersistenceId, events[0].PersistenceId, StringComparison.Ordinal) || events[i].SequenceNr <= events[i - 1].SequenceNr)
            {
                throw new ArgumentException("An atomic write holds events of one persistence id in ascending sequence.", nameof(events));
            }
        }

        Events = events;
    }

    /// <summary>The events, in sequence.</summary>
    public IReadOnlyList<PersistentRepresentation> Events { get; }

    /// <summary>The entity.</summary>
    public string PersistenceId => Events[0].PersistenceId;

    /// <summary>The first sequence number.</summary>
    public long LowestSequenceNr => Events[0].SequenceNr;

    /// <summary>The last sequence number.</summary>
    public long HighestSequenceNr => Events[^1].SequenceNr;
}
