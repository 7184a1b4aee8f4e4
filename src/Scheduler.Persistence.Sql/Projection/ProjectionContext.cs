using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// The open transaction a projection handler writes its read model in. Do not commit or roll it back: the projection
/// commits it together with its offset after the batch, or rolls it back when a handler throws.
/// </summary>
public sealed class ProjectionContext
{
    internal ProjectionContext(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    /// <summary>The connection of the batch's transaction.</summary>
    public DbConnection Connection { get; }

    /// <summary>The batch's transaction.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>A command in the batch's transaction, with named parameters (write them as <c>@name</c> in <paramref name="sql"/>).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        // Read-model SQL is the application's own text, never input, like any repository's queries.
#pragma warning disable CA2100
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            SqlDialect.Add(command, name, value);
        }

        return command;
    }
}
