using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Commands for tables an application keeps beside the journal (read models, indexes), built the way the journal
/// builds its own: named parameters written <c>@name</c> in the SQL, a null value sent as SQL NULL.
/// </summary>
public static class SqlCommands
{
    /// <summary>A command on <paramref name="connection"/>, in <paramref name="transaction"/> when one is given.</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.Transaction = transaction;

        // The SQL is the application's own text, never input, like any repository's queries; values only ever
        // travel as parameters.
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
