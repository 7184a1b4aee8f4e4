using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence;

/// <summary>A snapshot store in memory, for tests; snapshots are serialized like the SQL store does.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly SerializationRegistry _serialization;
    private readonly List<(SnapshotMetadata Metadata, SerializedMessage Snapshot)> _snapshots = [];
    private readonly Lock _gate = new();

    /// <summary>Creates an empty store that serializes with <paramref name="serialization"/>.</summary>
    public InMemorySnapshotStore(SerializationRegistry serialization)
    {
        ArgumentNullException.ThrowIfNull(serialization);
        _serialization = serialization;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            var newest = _snapshots
                .Where(s => string.Equals(s.Metadata.PersistenceId, persistenceId, StringComparison.Ordinal) && criteria.Matches(s.Metadata))
                .OrderByDescending(static s => s.Metadata.SequenceNr)
                .FirstOrDefault();
            return Task.FromResult(newest.Metadata is null
                ? null
                : new SelectedSnapshot(newest.Metadata, _serialization.Deserialize(newest.Snapshot.Manifest, newest.Snapshot.Payload.Span)));
        }
    }

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serialization.Serialize(snapshot);
        lock (_gate)
        {
            _snapshots.RemoveAll(s => string.Equals(s.Metadata.PersistenceId, metadata.PersistenceId, StringComparison.Ordinal) && s.Metadata.SequenceNr == metadata.SequenceNr);
            _snapshots.Add((metadata, serialized));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            _snapshots.RemoveAll(s => string.Equals(s.Metadata.PersistenceId, persistenceId, StringComparison.Ordinal) && criteria.Matches(s.Metadata));
        }

        return Task.CompletedTask;
    }
}
