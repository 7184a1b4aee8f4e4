using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>What differs between the databases: connections, the schema's types, and how a unique-key conflict shows.</summary>
internal abstract class SqlDialect
{
    private const int JournalColumns = 7;

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

    /// <summary>
    /// Inserts journal rows within <paramref name="transaction"/>. The default is multi-row INSERTs, as many rows per
    /// statement as the database's parameter limit allows.
    /// </summary>
    public virtual async Task InsertAsync(DbConnection connection, DbTransaction transaction, IEnumerable<JournalRow> rows)
    {
        var perStatement = Math.Max(1, MaxParameters / JournalColumns);
        var pending = new List<JournalRow>(perStatement);
        foreach (var row in rows)
        {
            pending.Add(row);
            if (pending.Count == perStatement)
            {
                await InsertStatementAsync(connection, transaction, pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            await InsertStatementAsync(connection, transaction, pending).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a parameter to a command.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static async Task InsertStatementAsync(DbConnection connection, DbTransaction transaction, List<JournalRow> rows)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new System.Text.StringBuilder(
            "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            text.Append(i == 0 ? "(" : ", (")
                .Append("@p").Append(i).Append(", @s").Append(i).Append(", @m").Append(i).Append(", @b").Append(i)
                .Append(", @t").Append(i).Append(", @w").Append(i).Append(", @c").Append(i).Append(')');
            var suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Add(command, "@p" + suffix, row.PersistenceId);
            Add(command, "@s" + suffix, row.SequenceNr);
            Add(command, "@m" + suffix, row.Manifest);
            Add(command, "@b" + suffix, row.Payload);
            Add(command, "@t" + suffix, row.Tags);
            Add(command, "@w" + suffix, row.WriterId);
            Add(command, "@c" + suffix, row.CreatedAt);
        }

        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
