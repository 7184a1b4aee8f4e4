namespace Scheduler.Persistence;

/// <summary>Where snapshots of entity state are kept, so that recovery need not replay every event.</summary>
public interface ISnapshotStore
{
    /// <summary>The newest snapshot of the entity that matches <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot; one with the same persistence id and sequence number is replaced.</summary>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity's snapshots that match <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
