namespace Scheduler.Persistence;

/// <summary>
/// Where events are stored. Implementations must store each <see cref="AtomicWrite"/> entirely or not at all, must
/// refuse a second event at the same (persistence id, sequence number) (that is how a stale writer of an entity is
/// stopped), and must acknowledge a write only once it is durable.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Stores the writes. The result holds one entry per write: null when stored, or the reason it was rejected
    /// (its events could not be serialized; nothing of it was stored, and the caller may go on). The task fails when
    /// the storage itself failed, including a conflict on (persistence id, sequence number); then none of these
    /// writes is acknowledged.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads events of one entity with sequence numbers from <paramref name="fromSequenceNr"/> to
    /// <paramref name="toSequenceNr"/> (inclusive), in order, at most <paramref name="max"/>; deleted events are
    /// skipped. A row that cannot be read fails the task with a message naming the persistence id and sequence number.
    /// </summary>
    Task<IReadOnlyList<PersistentRepresentation>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever stored for the entity (also after deletes), or 0.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recovery's first read: <see cref="ReadEventsAsync"/> and <see cref="ReadHighestSequenceNrAsync"/> together. A
    /// journal that can answer both in one round trip overrides it: every entity start pays for it, and most
    /// starting entities are new and have no events at all.
    /// </summary>
    async Task<RecoveryRead> ReadForRecoveryAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default) =>
        new(await ReadEventsAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false),
            await ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false));

    /// <summary>Marks the entity's events up to <paramref name="toSequenceNr"/> (inclusive) as deleted.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
