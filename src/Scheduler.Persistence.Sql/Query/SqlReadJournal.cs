using System.Data.Common;
using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// The journal's queries in SQL. Live queries wake when this process commits a write, when PostgreSQL notifies a
/// commit by another process (<see cref="PostgresNotificationListener"/>), and otherwise every refresh interval.
/// </summary>
internal sealed class SqlReadJournal : PagedReadJournal, IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly string _tagPageSql;
    private readonly SerializationRegistry _serialization;
    private readonly PostgresNotificationListener? _listener;
    private readonly BatchingRecoveryReader? _recovery;

    // Recovery reads are batched on up to `readers` connections at once, where the dialect can.
    public SqlReadJournal(SqlDialect dialect, SerializationRegistry serialization, JournalSignal signal, TimeProvider time, TimeSpan refreshInterval, int pageSize, int readers)
        : base(signal, time, refreshInterval, pageSize)
    {
        _dialect = dialect;
        _tagPageSql = TagPageSql(dialect);
        _serialization = serialization;
        _listener = dialect is PostgresDialect postgres ? new PostgresNotificationListener(postgres.DataSource, signal, time, refreshInterval) : null;
        _recovery = dialect.RecoveryBatchSql is { } batchSql
            ? new BatchingRecoveryReader(dialect, batchSql, serialization, ReadEntityWithHighestAsync, readers, MaxRecoveryBatch)
            : null;
    }

    // Enough to amortise a round trip; small enough that one batch's answer stays a modest read.
    private const int MaxRecoveryBatch = 256;

    public async ValueTask DisposeAsync()
    {
        if (_recovery is not null)
        {
            await _recovery.DisposeAsync().ConfigureAwait(false);
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void OnLiveQueryStarting() => _listener?.EnsureStarted();

    /// <summary>One entity's undeleted events in the sequence range, by sequence number: recovery reads these too.</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadEntityAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken) =>
        ReadStoredAsync(EntityEventsSql, command => AddEntityRange(command, persistenceId, fromSequenceNr, toSequenceNr, max), cancellationToken);

    private const string EntityEventsSql = $"""
        SELECT {StoredEvent.Columns} FROM journal
        WHERE persistence_id = @p AND sequence_nr >= @from AND sequence_nr <= @to AND deleted = FALSE
        ORDER BY sequence_nr LIMIT @max
        """;

    private static void AddEntityRange(DbCommand command, string persistenceId, long fromSequenceNr, long toSequenceNr, int max)
    {
        SqlDialect.Add(command, "@p", persistenceId);
        SqlDialect.Add(command, "@from", fromSequenceNr);
        SqlDialect.Add(command, "@to", toSequenceNr);
        SqlDialect.Add(command, "@max", max);
    }

    /// <summary>The entity's highest sequence number, deleted rows included (parameter <c>@p</c>).</summary>
    public const string HighestSequenceNrSql = "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE persistence_id = @p";

    /// <summary>
    /// <see cref="ReadEntityAsync"/> and the entity's highest sequence number (deleted rows included) for a starting
    /// entity: coalesced with other entities' where the dialect can, else <see cref="ReadEntityWithHighestAsync"/>.
    /// </summary>
    public Task<(IReadOnlyList<StoredEvent> Events, long Highest)> ReadForRecoveryAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken) =>
        _recovery?.ReadAsync(persistenceId, fromSequenceNr, toSequenceNr, Math.Max(max, 0), cancellationToken)
        ?? ReadEntityWithHighestAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    /// <summary>One entity's recovery read as two statements of one command: one round trip.</summary>
    public async Task<(IReadOnlyList<StoredEvent> Events, long Highest)> ReadEntityWithHighestAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = EntityEventsSql + ";\n" + HighestSequenceNrSql;
        AddEntityRange(command, persistenceId, fromSequenceNr, toSequenceNr, Math.Max(max, 0));
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(StoredEvent.Read(reader, _serialization));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (events, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
    }

    // Two statements, one round trip: the highest committed offset, then the page. The second statement's snapshot
    // is taken after the first, so it holds every row up to that offset (offsets follow commit order).
    private static string TagPageSql(SqlDialect dialect) => $"""
        SELECT COALESCE(MAX(ordering), 0) FROM journal;
        SELECT {StoredEvent.Columns} FROM journal
        WHERE ordering > @after AND deleted = FALSE AND {dialect.TagCondition}
        ORDER BY ordering LIMIT @max
        """;

    protected override async Task<TagPage> ReadTagPageAsync(string tag, long afterOffset, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _tagPageSql;
        SqlDialect.Add(command, "@after", afterOffset);
        SqlDialect.Add(command, "@tag", ";" + tag + ";");
        SqlDialect.Add(command, "@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var highest = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<EventEnvelope>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(StoredEvent.Read(reader, _serialization).ToEnvelope());
        }

        return TagPage.Of(events, max, afterOffset, highest);
    }

    protected override async Task<IReadOnlyList<EventEnvelope>> ReadEntityPageAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken) =>
        Envelopes(await ReadEntityAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false));

    protected override async Task<IReadOnlyList<(long Offset, string PersistenceId)>> ReadFirstEventsPageAsync(long afterOffset, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering, persistence_id FROM journal WHERE sequence_nr = 1 AND ordering > @after ORDER BY ordering LIMIT @max";
        SqlDialect.Add(command, "@after", afterOffset);
        SqlDialect.Add(command, "@max", max);
        var found = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return found;
    }

    private static List<EventEnvelope> Envelopes(IReadOnlyList<StoredEvent> events) => events.Select(static e => e.ToEnvelope()).ToList();

    private async Task<IReadOnlyList<StoredEvent>> ReadStoredAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        parameters(command);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(StoredEvent.Read(reader, _serialization));
        }

        return events;
    }
}
