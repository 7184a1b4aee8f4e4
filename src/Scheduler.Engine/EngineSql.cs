using System.Data.Common;

namespace Scheduler.Engine;

/// <summary>Commands for the engine's tables beside the journal (the due-time index, the task read model).</summary>
internal static class EngineSql
{
    /// <summary>A command with named parameters (written <c>@name</c> in the SQL); a null value is SQL NULL.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;

        // The engine's SQL is its own text; values only ever travel as parameters.
#pragma warning disable CA2100
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
