using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence;

/// <summary>
/// A journal in memory, for tests. It serializes every event through the system's registry, as the SQL journals do,
/// so a test sees the same rejections, the same evolution of event schemas and the same unique-key conflicts.
/// </summary>
public sealed partial class InMemoryJournal : IJournal
{
    private readonly SerializationRegistry _serialization;
    private readonly Store _store;

    /// <summary>Creates an empty journal that serializes with <paramref name="serialization"/>.</summary>
    public InMemoryJournal(SerializationRegistry serialization)
        : this(serialization, new Store()) { }

    private InMemoryJournal(SerializationRegistry serialization, Store store)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        _serialization = serialization;
        _store = store;
        ReadJournal = new Queries(this);
    }

    /// <summary>Queries over this journal; live queries wake on every write.</summary>
    public IReadJournal ReadJournal { get; }


    /// <summary>
    /// The same stored events seen through another registry, as a new version of the application would see them
    /// (for tests of event schema evolution).
    /// </summary>
    public InMemoryJournal WithSerialization(SerializationRegistry serialization) => new(serialization, _store);

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        var rows = new List<(AtomicWrite Write, List<Row> Rows)>();
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                rows.Add((writes[i], writes[i].Events.Select(ToRow).ToList()));
            }
            catch (SerializationException exception)
            {
                results[i] = exception;
            }
        }

        lock (_store.Gate)
        {
            // All or nothing for the whole call, like one database transaction: check every key first.
            foreach (var (write, _) in rows)
            {
                if (_store.Entities.TryGetValue(write.PersistenceId, out var entity) && write.LowestSequenceNr <= entity.Highest)
                {
                    return Task.FromException<IReadOnlyList<Exception?>>(new SequenceConflictException(
                        $"Persistence id '{write.PersistenceId}' already has an event at sequence number {write.LowestSequenceNr}; another writer got there first."));
                }
            }

            foreach (var (write, written) in rows)
            {
                if (!_store.Entities.TryGetValue(write.PersistenceId, out var entity))
                {
                    _store.Entities[write.PersistenceId] = entity = new Entity();
                }

                foreach (var row in written)
                {
                    _store.Log.Add((entity, entity.Rows.Count));
                    entity.Rows.Add(row with { Ordering = _store.Log.Count });
                }

                entity.Highest = write.HighestSequenceNr;
            }
        }

        _store.Signal.Raise();
        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PersistentRepresentation>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default)
    {
        var rows = EntityRows(persistenceId, fromSequenceNr, toSequenceNr, max);
        try
        {
            return Task.FromResult<IReadOnlyList<PersistentRepresentation>>(rows.Select(FromRow).ToList());
        }
        catch (JournalCorruptedException exception)
        {
            return Task.FromException<IReadOnlyList<PersistentRepresentation>>(exception);
        }
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_store.Gate)
        {
            return Task.FromResult(_store.Entities.TryGetValue(persistenceId, out var entity) ? entity.Highest : 0L);
        }
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_store.Gate)
        {
            if (_store.Entities.TryGetValue(persistenceId, out var entity))
            {
                for (var i = 0; i < entity.Rows.Count; i++)
                {
                    if (entity.Rows[i].SequenceNr <= toSequenceNr)
                    {
                        entity.Rows[i] = entity.Rows[i] with { Deleted = true };
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Overwrites a stored payload with bytes of the caller's choosing: for tests of corrupted rows.</summary>
    public void CorruptForTest(string persistenceId, long sequenceNr, byte[] payload)
    {
        lock (_store.Gate)
        {
            var rows = _store.Entities[persistenceId].Rows;
            var index = rows.FindIndex(r => r.SequenceNr == sequenceNr);
            rows[index] = rows[index] with { Payload = payload };
        }
    }

    /// <summary>One entity's undeleted rows in the sequence range, at most <paramref name="max"/>: what recovery and queries read.</summary>
    private List<Row> EntityRows(string persistenceId, long fromSequenceNr, long toSequenceNr, int max)
    {
        lock (_store.Gate)
        {
            return _store.Entities.TryGetValue(persistenceId, out var entity)
                ? entity.Rows.Where(r => !r.Deleted && r.SequenceNr >= fromSequenceNr && r.SequenceNr <= toSequenceNr).Take(Math.Max(0, max)).ToList()
                : [];
        }
    }

    private Row ToRow(PersistentRepresentation representation)
    {
        var serialized = _serialization.Serialize(representation.Payload);
        return new Row(representation.SequenceNr, serialized.Manifest, serialized.Payload.ToArray(), representation.WriterId, representation.Tags, representation.Timestamp, Deleted: false, representation.PersistenceId, Ordering: 0);
    }

    private PersistentRepresentation FromRow(Row row)
    {
        try
        {
            var payload = _serialization.Deserialize(row.Manifest, row.Payload);
            return new PersistentRepresentation(row.PersistenceId, row.SequenceNr, payload, row.WriterId, row.Tags, row.Timestamp);
        }
        catch (SerializationException exception)
        {
            throw new JournalCorruptedException(row.PersistenceId, row.SequenceNr, exception);
        }
    }

    private sealed record Row(long SequenceNr, string Manifest, byte[] Payload, string WriterId, IReadOnlyList<string> Tags, DateTimeOffset Timestamp, bool Deleted, string PersistenceId, long Ordering);

    /// <summary>What journals seen through different registries share.</summary>
    private sealed class Store
    {
        public Dictionary<string, Entity> Entities { get; } = new(StringComparer.Ordinal);

        /// <summary>Every row in write order; a row's ordering is its index here plus one.</summary>
        public List<(Entity Entity, int Index)> Log { get; } = [];

        public Lock Gate { get; } = new();

        public JournalSignal Signal { get; } = new();
    }

    private sealed class Entity
    {
        public List<Row> Rows { get; } = [];

        public long Highest { get; set; }
    }
}
