using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Statements collected to run together: in one round trip where the driver batches (PostgreSQL), one after another
/// where it does not (SQLite, which is in-process and has no round trip to save). Either way they run in order, in
/// the given transaction, and the first failure stops the rest. Used by projections that write many rows at the end
/// of a batch (see <see cref="ProjectionContext.Batch"/>), and by tables beside the journal that write many rows at
/// once on a connection of their own (<see cref="SqlJournal.OpenConnectionAsync"/>).
/// </summary>
public sealed class SqlStatementBatch
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters)> _statements = [];

    /// <summary>A batch that runs on <paramref name="connection"/>, inside <paramref name="transaction"/> when given.</summary>
    public SqlStatementBatch(DbConnection connection, DbTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>How many statements wait to run.</summary>
    public int Count => _statements.Count;

    /// <summary>Adds a statement; its values travel as parameters, as with <see cref="SqlCommands.Create"/>.</summary>
    public void Add(string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        _statements.Add((sql, parameters));
    }

    /// <summary>Runs the statements collected so far and forgets them.</summary>
    public async Task ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        try
        {
            if (_connection.CanCreateBatch)
            {
                await ExecuteBatchedAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                foreach (var (sql, parameters) in _statements)
                {
                    var command = SqlCommands.Create(_connection, _transaction, sql, parameters);
                    await using (command.ConfigureAwait(false))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            _statements.Clear();
        }
    }

    private async Task ExecuteBatchedAsync(CancellationToken cancellationToken)
    {
        var batch = _connection.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            batch.Transaction = _transaction;
            foreach (var (sql, parameters) in _statements)
            {
                var command = batch.CreateBatchCommand();

                // As in SqlCommands: the SQL is the application's own text; values only travel as parameters.
#pragma warning disable CA2100
                command.CommandText = sql;
#pragma warning restore CA2100
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.Add(SqlDialect.Named(command.CreateParameter(), name, value));
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
