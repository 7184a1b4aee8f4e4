using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// SQLite, in WAL mode (readers never block the writer) with the default synchronous setting, so a commit is on disk
/// when it returns. SQLite has one writer at a time; the batching writer runs one batch at a time for it.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly Lazy<bool> NativeLibrary = new(static () =>
    {
        // SQLitePCLRaw needs its provider chosen once per process before the first connection.
        SQLitePCL.Batteries_V2.Init();
        SqliteSleep.EnsureInstalled();
        return true;
    });

    private static readonly string[] InsertParameters = ["@p", "@s", "@m", "@b", "@t", "@w", "@c"];

    private readonly string _connectionString;

    public SqliteDialect(string connectionString)
    {
        _ = NativeLibrary.Value;
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        _connectionString = builder.ToString();
    }

    public override string Name => "SQLite";

    public override SqlDatabase Database => SqlDatabase.Sqlite;

    protected override IReadOnlyList<string> DatabaseSchemaStatements { get; } =
    [
        "PRAGMA journal_mode = WAL",
        """
        CREATE TABLE IF NOT EXISTS journal (
          ordering INTEGER PRIMARY KEY AUTOINCREMENT,
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          tags TEXT NOT NULL,
          writer_id TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          deleted BOOLEAN NOT NULL DEFAULT FALSE,
          UNIQUE (persistence_id, sequence_nr)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS snapshot (
          persistence_id TEXT NOT NULL,
          sequence_nr INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          manifest TEXT NOT NULL,
          payload BLOB NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr)
        )
        """,
    ];

    public override string TagCondition => "instr(tags, @tag) > 0";

    /// <summary>
    /// One prepared single-row INSERT run once per row: SQLite runs in this process, so a statement costs no round
    /// trip, and reusing one compiled statement beats compiling a multi-row one with thousands of parameters.
    /// </summary>
    public override async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at) VALUES (@p, @s, @m, @b, @t, @w, @c)";
        var parameters = InsertParameters.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var row in rows)
        {
            parameters[0].Value = row.PersistenceId;
            parameters[1].Value = row.SequenceNr;
            parameters[2].Value = row.Manifest;
            parameters[3].Value = row.Payload;
            parameters[4].Value = row.Tags;
            parameters[5].Value = row.WriterId;
            parameters[6].Value = row.CreatedAt;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Wait for a concurrent writer's lock (the journal's writer, a projection, another process) instead of
        // failing at once, in steps of milliseconds rather than SQLite's whole seconds.
        try
        {
            SqliteBusyHandler.Install(connection, SqliteBusyHandler.DefaultBudget);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
