using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>What differs between the databases: connections, the schema's types, and how a unique-key conflict shows.</summary>
internal abstract class SqlDialect
{
    /// <summary>A short name for messages.</summary>
    public abstract string Name { get; }

    /// <summary>How many parameters one statement may carry.</summary>
    public abstract int MaxParameters { get; }

    /// <summary>Statements that create the tables if they are missing; each runs on its own.</summary>
    public abstract IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>
    /// A SQL condition true when the row's <c>tags</c> column (";a;b;") holds the parameter <c>@tag</c> (";a;").
    /// A plain substring test, not LIKE, so a tag may hold '%' or '_'.
    /// </summary>
    public abstract string TagCondition { get; }

    /// <summary>
    /// A statement each journal write transaction runs before its inserts, or null. PostgreSQL uses it to make
    /// offsets follow commit order and to notify listeners (see <see cref="PostgresDialect"/>).
    /// </summary>
    public virtual string? BeginWriteStatement => null;

    /// <summary>Opens a new connection.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> reports a unique-key violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Adds a parameter to a command.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
