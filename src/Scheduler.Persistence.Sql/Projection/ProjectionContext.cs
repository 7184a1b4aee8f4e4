using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// The open transaction a projection handler writes its read model in. Do not commit or roll it back: the projection
/// commits it together with its offset after the batch, or rolls it back when a handler throws.
/// </summary>
public sealed class ProjectionContext
{
    private List<Func<CancellationToken, Task>>? _beforeCommit;

    internal ProjectionContext(DbConnection connection, DbTransaction transaction, SqlDatabase database)
    {
        Connection = connection;
        Transaction = transaction;
        Database = database;
    }

    /// <summary>The database the journal and the read model live in, for a handler that writes some rows the way only one of them can.</summary>
    public SqlDatabase Database { get; }

    /// <summary>The connection of the batch's transaction.</summary>
    public DbConnection Connection { get; }

    /// <summary>The batch's transaction.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>A command in the batch's transaction, with named parameters (write them as <c>@name</c> in <paramref name="sql"/>).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        SqlCommands.Create(Connection, Transaction, sql, parameters);

    /// <summary>
    /// A batch of statements in this projection's transaction, run in one round trip where the database allows: for
    /// writing many rows at once, say from <see cref="BeforeCommit"/>.
    /// </summary>
    public SqlStatementBatch Batch() => new(Connection, Transaction);

    /// <summary>
    /// Runs <paramref name="action"/> once the batch's last event is handled, in its transaction, before the offset
    /// moves and the batch commits. A handler that gathers a batch's changes (the last state of each entity) writes
    /// them there once instead of once per event.
    /// </summary>
    public void BeforeCommit(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (_beforeCommit ??= []).Add(action);
    }

    internal async Task RunBeforeCommitAsync(CancellationToken cancellationToken)
    {
        foreach (var action in _beforeCommit ?? [])
        {
            await action(cancellationToken).ConfigureAwait(false);
        }
    }
}
