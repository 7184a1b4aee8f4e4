using System.Collections.Concurrent;
using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>What differs between the databases: connections, the schema's types, and how a unique-key conflict shows.</summary>
internal abstract class SqlDialect
{
    // Tables and indexes written the same way on both databases (BIGINT and TEXT mean the same to SQLite).
    private static readonly string[] SharedSchemaStatements =
    [
        """
        CREATE TABLE IF NOT EXISTS projection_offset (
          name TEXT NOT NULL PRIMARY KEY,
          ordering BIGINT NOT NULL,
          updated_at BIGINT NOT NULL
        )
        """,
        // Persistence-id queries read each entity's first event in offset order.
        "CREATE INDEX IF NOT EXISTS journal_first_event ON journal (ordering) WHERE sequence_nr = 1",
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)",
        // Leases (the split-brain resolver's lease-majority): one row per lease, held by owner until expires_at
        // (Unix milliseconds) unless renewed.
        """
        CREATE TABLE IF NOT EXISTS lease (
          name TEXT NOT NULL PRIMARY KEY,
          owner TEXT NOT NULL,
          expires_at BIGINT NOT NULL
        )
        """,
    ];

    /// <summary>The dialect <paramref name="options"/> name.</summary>
    public static SqlDialect For(SqlPersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Database switch
        {
            SqlDatabase.Sqlite => new SqliteDialect(options.ConnectionString),
            _ => new PostgresDialect(options.ConnectionString),
        };
    }

    /// <summary>A short name for messages.</summary>
    public abstract string Name { get; }

    /// <summary>The database this dialect talks to.</summary>
    public abstract SqlDatabase Database { get; }

    /// <summary>Statements that create the tables if they are missing; each runs on its own, in order.</summary>
    public IReadOnlyList<string> SchemaStatements => [.. DatabaseSchemaStatements, .. SharedSchemaStatements];

    /// <summary>The statements that differ between the databases: settings, and the journal and snapshot tables with their types.</summary>
    protected abstract IReadOnlyList<string> DatabaseSchemaStatements { get; }

    /// <summary>
    /// A SQL condition true when the row's <c>tags</c> column (";a;b;") holds the parameter <c>@tag</c> (";a;").
    /// A plain substring test, not LIKE, so a tag may hold '%' or '_'.
    /// </summary>
    public abstract string TagCondition { get; }

    /// <summary>
    /// A query answering many recovery reads at once (see <see cref="BatchingRecoveryReader"/>), or null where one
    /// read per entity is as cheap (an embedded database has no round trip to save). It takes the arrays
    /// <c>@ids</c>, <c>@froms</c>, <c>@tos</c> and <c>@maxes</c>; its first result is the events, with the request's
    /// position (from 1) after <see cref="StoredEvent.Columns"/>, and its second the position and highest sequence
    /// number of every request.
    /// </summary>
    public virtual string? RecoveryBatchSql => null;

    /// <summary>Opens a new connection.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> reports a unique-key violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Inserts journal rows within <paramref name="transaction"/>, the fastest way the database offers, after taking
    /// whatever lock the database needs for offsets to follow commit order (PostgreSQL's, see
    /// <see cref="PostgresDialect"/>).
    /// </summary>
    public abstract Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows);

    /// <summary>Adds a parameter to a command.</summary>
    public static void Add(DbCommand command, string name, object? value) => command.Parameters.Add(Named(command.CreateParameter(), name, value));

    /// <summary>
    /// Names <paramref name="parameter"/> and gives it <paramref name="value"/>, a null as the database's NULL. A name
    /// without its prefix gets <c>@</c>, as the SQL writes it.
    /// </summary>
    public static DbParameter Named(DbParameter parameter, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentException.ThrowIfNullOrEmpty(name);
        parameter.ParameterName = Prefixed(name);
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    // Microsoft.Data.Sqlite binds a parameter by looking its name up as given and, failing that, with each prefix it
    // knows put in front (a new string per prefix, per parameter, per statement run): in the SQLite tasks bench that
    // was a fifth of all allocation. Named as the SQL writes them, parameters bind at the first lookup; Npgsql takes
    // either form. Names are the application's constants, so their prefixed forms are kept, up to a bound in case
    // some caller makes names up as it goes.
    private static string Prefixed(string name)
    {
        if (name[0] is '@' or ':' or '$')
        {
            return name;
        }

        if (PrefixedNames.TryGetValue(name, out var prefixed))
        {
            return prefixed;
        }

        prefixed = "@" + name;
        if (PrefixedNames.Count < MaxPrefixedNames)
        {
            PrefixedNames.TryAdd(name, prefixed);
        }

        return prefixed;
    }

    private const int MaxPrefixedNames = 4_096;

    private static readonly ConcurrentDictionary<string, string> PrefixedNames = new(StringComparer.Ordinal);
}
