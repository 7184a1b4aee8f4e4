using System.Data.Common;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.Waking;

/// <summary>
/// The due-time index: a table <c>task_due</c> beside the journal with one row per passivated waiting task or
/// schedule (<see cref="DueKeys"/>) and the time it is due. Entities write their own row before they passivate; the
/// waker reads the rows coming due and removes a row once the entity it woke has taken over. The SQL is the same on
/// SQLite and PostgreSQL. The key column keeps its first name, task_id, so existing tables stay valid.
/// </summary>
// MA0004 flags every `await using`. This store never runs on an actor's context: actors pipe its tasks back to
// themselves as messages, and every explicit await here says ConfigureAwait(false).
#pragma warning disable MA0004
internal sealed class DueIndexStore(SqlJournal journal)
{
    private const string Upsert =
        "INSERT INTO task_due (task_id, due_at) VALUES (@id, @due) ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at";

    /// <summary>Creates the table and its time index when they are missing.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in new[]
        {
            "CREATE TABLE IF NOT EXISTS task_due (task_id VARCHAR(300) NOT NULL PRIMARY KEY, due_at BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS task_due_by_time ON task_due (due_at)",
        })
        {
            await using var command = SqlCommands.Create(connection, null, statement);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the due time of each entry's key (one transaction, one round trip on PostgreSQL).</summary>
    public Task SetAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(entries, Upsert, cancellationToken);

    /// <summary>The earliest rows due by <paramref name="until"/>, at most <paramref name="limit"/>, earliest first.</summary>
    public async Task<IReadOnlyList<DueEntry>> DueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null,
            "SELECT task_id, due_at FROM task_due WHERE due_at <= @until ORDER BY due_at LIMIT @limit",
            ("@until", until.ToUnixTimeMilliseconds()), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<DueEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new DueEntry(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return entries;
    }

    /// <summary>Removes the row of each entry that still says that due time (a newer one stays); one transaction.</summary>
    public Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(entries, "DELETE FROM task_due WHERE task_id = @id AND due_at = @due", cancellationToken);

    // Runs the statement once per entry, all in one transaction.
    private async Task WriteAsync(IReadOnlyCollection<DueEntry> entries, string statement, CancellationToken cancellationToken)
    {
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new SqlStatementBatch(connection, transaction);
        foreach (var entry in entries)
        {
            batch.Add(statement, ("@id", entry.Key), ("@due", entry.DueAt.ToUnixTimeMilliseconds()));
        }

        await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of rows (for tests and benchmarks).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null, "SELECT COUNT(*) FROM task_due");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
