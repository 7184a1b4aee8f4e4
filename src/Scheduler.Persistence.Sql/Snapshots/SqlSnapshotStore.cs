using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Sql;

/// <summary>The snapshot store on SQLite or PostgreSQL: one row per (persistence id, sequence number).</summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlDialect _dialect;
    private readonly SerializationRegistry _serialization;

    internal SqlSnapshotStore(SqlDialect dialect, SerializationRegistry serialization)
    {
        _dialect = dialect;
        _serialization = serialization;
    }

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT sequence_nr, created_at, manifest, payload FROM snapshot WHERE {Where} ORDER BY sequence_nr DESC LIMIT 1";
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
        return new SelectedSnapshot(metadata, _serialization.Deserialize(reader.GetString(2), (byte[])reader.GetValue(3)));
    }

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var serialized = _serialization.Serialize(snapshot);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO snapshot (persistence_id, sequence_nr, created_at, manifest, payload) VALUES (@p, @s, @c, @m, @b)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload
            """;
        SqlDialect.Add(command, "@p", metadata.PersistenceId);
        SqlDialect.Add(command, "@s", metadata.SequenceNr);
        SqlDialect.Add(command, "@c", metadata.Timestamp.ToUnixTimeMilliseconds());
        SqlDialect.Add(command, "@m", serialized.Manifest);
        SqlDialect.Add(command, "@b", serialized.Payload.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM snapshot WHERE {Where}";
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string Where =
        "persistence_id = @p AND sequence_nr <= @maxs AND sequence_nr >= @mins AND created_at <= @maxt AND created_at >= @mint";

    private static void AddCriteria(System.Data.Common.DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        SqlDialect.Add(command, "@p", persistenceId);
        SqlDialect.Add(command, "@maxs", criteria.MaxSequenceNr);
        SqlDialect.Add(command, "@mins", criteria.MinSequenceNr);
        SqlDialect.Add(command, "@maxt", criteria.MaxTimestamp.ToUnixTimeMilliseconds());
        SqlDialect.Add(command, "@mint", criteria.MinTimestamp.ToUnixTimeMilliseconds());
    }
}
