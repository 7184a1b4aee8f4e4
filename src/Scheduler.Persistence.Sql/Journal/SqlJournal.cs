using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// The journal on SQLite or PostgreSQL. Events are serialized through the system's registry before they are queued,
/// so a rejection never reaches the database; rows are written by the <see cref="BatchingWriter"/>; reads page
/// through one entity's rows by sequence number. Deletes only mark rows, so the highest sequence number survives.
/// </summary>
public sealed class SqlJournal : IJournal, IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly SerializationRegistry _serialization;
    private readonly BatchingWriter _writer;
    private readonly SqlReadJournal _readJournal;

    internal SqlJournal(SqlDialect dialect, SerializationRegistry serialization, BatchingWriter writer, SqlReadJournal readJournal)
    {
        _dialect = dialect;
        _serialization = serialization;
        _writer = writer;
        _readJournal = readJournal;
    }

    /// <summary>Queries over this journal's database, including rows other processes write.</summary>
    public IReadJournal ReadJournal => _readJournal;

    internal SqlDialect Dialect => _dialect;

    internal SqlReadJournal Queries => _readJournal;

    /// <summary>
    /// Opens a connection to the journal's database, for tables an application keeps beside the journal (an index or
    /// a read model it writes itself). Dispose it when done; it comes from the journal's pool, and on PostgreSQL it is
    /// not reset when it goes back (see <c>PostgresDialect.Tuned</c>): leave no session state on it (no <c>SET</c>
    /// without <c>LOCAL</c>, no temporary tables, no session-level advisory locks, no <c>LISTEN</c>).
    /// </summary>
    public Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        _dialect.OpenAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        var rows = new List<JournalRow>();
        for (var i = 0; i < writes.Count; i++)
        {
            var first = rows.Count;
            try
            {
                foreach (var @event in writes[i].Events)
                {
                    rows.Add(ToRow(@event));
                }
            }
            catch (Exception exception) when (exception is SerializationException or ArgumentException)
            {
                // An atomic write goes whole or not at all: the rows of it made before the failure are taken out.
                rows.RemoveRange(first, rows.Count - first);
                results[i] = exception;
            }
        }

        if (rows.Count > 0)
        {
            var started = TimeProvider.System.GetTimestamp();
            await _writer.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
            JournalMetrics.WriteDuration.Record(TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersistentRepresentation>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            return [];
        }

        var events = await _readJournal.ReadEntityAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false);
        return events.Select(static e => e.ToRepresentation()).ToList();
    }

    /// <inheritdoc />
    public async Task<RecoveryRead> ReadForRecoveryAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default)
    {
        var (events, highest) = await _readJournal.ReadForRecoveryAsync(persistenceId, fromSequenceNr, toSequenceNr,
            fromSequenceNr > toSequenceNr ? 0 : max, cancellationToken).ConfigureAwait(false);
        return new RecoveryRead(events.Select(static e => e.ToRepresentation()).ToList(), highest);
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = SqlReadJournal.HighestSequenceNrSql;
        SqlDialect.Add(command, "@p", persistenceId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET deleted = TRUE WHERE persistence_id = @p AND sequence_nr <= @to AND deleted = FALSE";
        SqlDialect.Add(command, "@p", persistenceId);
        SqlDialect.Add(command, "@to", toSequenceNr);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for queued writes, stops the writer and the query listener, and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _readJournal.DisposeAsync().ConfigureAwait(false);
        if (_dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private JournalRow ToRow(PersistentRepresentation representation)
    {
        foreach (var tag in representation.Tags)
        {
            if (string.IsNullOrEmpty(tag) || tag.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Tag '{tag}' of persistence id '{representation.PersistenceId}' is invalid: tags are non-empty and hold no ';'.", nameof(representation));
            }
        }

        var serialized = _serialization.Serialize(representation.Payload);
        var tags = representation.Tags.Count == 0 ? string.Empty : ";" + string.Join(';', representation.Tags) + ";";
        return new JournalRow(representation.PersistenceId, representation.SequenceNr, serialized.Manifest, serialized.Payload.ToArray(), tags,
            representation.WriterId, representation.Timestamp.ToUnixTimeMilliseconds());
    }
}
