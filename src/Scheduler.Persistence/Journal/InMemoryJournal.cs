using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence;

/// <summary>
/// A journal in memory, for tests. It serializes every event through the system's registry, as the SQL journals do,
/// so a test sees the same rejections, the same evolution of event schemas and the same unique-key conflicts.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly SerializationRegistry _serialization;
    private readonly Dictionary<string, Entity> _entities;
    private readonly Lock _gate;

    /// <summary>Creates an empty journal that serializes with <paramref name="serialization"/>.</summary>
    public InMemoryJournal(SerializationRegistry serialization)
        : this(serialization, new Dictionary<string, Entity>(StringComparer.Ordinal), new Lock()) { }

    private InMemoryJournal(SerializationRegistry serialization, Dictionary<string, Entity> entities, Lock gate)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        _serialization = serialization;
        _entities = entities;
        _gate = gate;
    }

    /// <summary>
    /// The same stored events seen through another registry, as a new version of the application would see them
    /// (for tests of event schema evolution).
    /// </summary>
    public InMemoryJournal WithSerialization(SerializationRegistry serialization) => new(serialization, _entities, _gate);

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

        lock (_gate)
        {
            // All or nothing for the whole call, like one database transaction: check every key first.
            foreach (var (write, _) in rows)
            {
                if (_entities.TryGetValue(write.PersistenceId, out var entity) && write.LowestSequenceNr <= entity.Highest)
                {
                    return Task.FromException<IReadOnlyList<Exception?>>(new SequenceConflictException(
                        $"Persistence id '{write.PersistenceId}' already has an event at sequence number {write.LowestSequenceNr}; another writer got there first."));
                }
            }

            foreach (var (write, written) in rows)
            {
                if (!_entities.TryGetValue(write.PersistenceId, out var entity))
                {
                    _entities[write.PersistenceId] = entity = new Entity();
                }

                entity.Rows.AddRange(written);
                entity.Highest = write.HighestSequenceNr;
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PersistentRepresentation>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default)
    {
        List<Row> rows;
        lock (_gate)
        {
            rows = _entities.TryGetValue(persistenceId, out var entity)
                ? entity.Rows.Where(r => !r.Deleted && r.SequenceNr >= fromSequenceNr && r.SequenceNr <= toSequenceNr).Take(Math.Max(0, max)).ToList()
                : [];
        }

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
        lock (_gate)
        {
            return Task.FromResult(_entities.TryGetValue(persistenceId, out var entity) ? entity.Highest : 0L);
        }
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_entities.TryGetValue(persistenceId, out var entity))
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
        lock (_gate)
        {
            var rows = _entities[persistenceId].Rows;
            var index = rows.FindIndex(r => r.SequenceNr == sequenceNr);
            rows[index] = rows[index] with { Payload = payload };
        }
    }

    private Row ToRow(PersistentRepresentation representation)
    {
        var serialized = _serialization.Serialize(representation.Payload);
        return new Row(representation.SequenceNr, serialized.Manifest, serialized.Payload.ToArray(), representation.WriterId, representation.Tags, representation.Timestamp, Deleted: false, representation.PersistenceId);
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

    private sealed record Row(long SequenceNr, string Manifest, byte[] Payload, string WriterId, IReadOnlyList<string> Tags, DateTimeOffset Timestamp, bool Deleted, string PersistenceId);

    private sealed class Entity
    {
        public List<Row> Rows { get; } = [];

        public long Highest { get; set; }
    }
}
