using System.Data.Common;
using Npgsql;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// PostgreSQL through Npgsql. Batches are built in parallel, but each write transaction first takes one
/// transaction-scoped advisory lock, so the journal's identity values are drawn and committed in the same order: a
/// reader that has seen offset N will never later find a smaller offset committed (concurrent transactions would
/// otherwise commit out of order, and a query by offset would skip the slower one's events forever). The same
/// statement queues a NOTIFY, which PostgreSQL delivers to listeners when, and only if, the transaction commits.
/// </summary>
internal sealed class PostgresDialect : SqlDialect, IAsyncDisposable
{
    /// <summary>The channel live queries LISTEN on.</summary>
    public const string NotificationChannel = "scheduler_journal";

    // Any fixed key works; this one is "sched" in ASCII (0x7363686564) so it is recognisable in pg_locks.
    private const string WriteLockKey = "495589025124";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(Tuned(connectionString));

    /// <summary>
    /// The connection string with two Npgsql settings changed for the way this journal works, unless the string sets
    /// them itself:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> 64: the journal, read models and indexes run a few statements over and over, and
    /// a prepared one skips the server's parsing and planning (set it to 0 behind a pooler that cannot keep prepared
    /// statements).</item>
    /// <item><c>No Reset On Close</c>: a pooled connection is handed on without the seven statements that clear its
    /// session state, which with prepared statements kept cost more server time than most queries. Nothing here
    /// leaves session state behind: settings are never changed, advisory locks are transaction-scoped, and the one
    /// connection that LISTENs stops listening before it goes back.</item>
    /// </list>
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        // The plain builder knows only the keys the string sets (Npgsql's own says yes to every key it supports).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = Given("Auto Prepare Min Usages", "AutoPrepareMinUsages") ? builder.AutoPrepareMinUsages : 2;
        }

        if (!Given("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public override string Name => "PostgreSQL";

    public override SqlDatabase Database => SqlDatabase.Postgres;

    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Takes the journal's write lock until the transaction ends and queues the commit notification.</summary>
    public const string WriteLockStatement = $"SELECT pg_advisory_xact_lock({WriteLockKey}), pg_notify('{NotificationChannel}', '')";

    protected override IReadOnlyList<string> DatabaseSchemaStatements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS journal (
          ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          tags TEXT NOT NULL,
          writer_id TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          deleted BOOLEAN NOT NULL DEFAULT FALSE,
          UNIQUE (persistence_id, sequence_nr)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS snapshot (
          persistence_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          created_at BIGINT NOT NULL,
          manifest TEXT NOT NULL,
          payload BYTEA NOT NULL,
          PRIMARY KEY (persistence_id, sequence_nr)
        )
        """,
    ];

    public override string TagCondition => "strpos(tags, @tag) > 0";

    public override string RecoveryBatchSql => $"""
        SELECT j.*, q.i FROM unnest(@ids::text[], @froms::bigint[], @tos::bigint[], @maxes::integer[]) WITH ORDINALITY AS q(pid, f, t, m, i)
        CROSS JOIN LATERAL (
          SELECT {StoredEvent.Columns} FROM journal
          WHERE persistence_id = q.pid AND sequence_nr >= q.f AND sequence_nr <= q.t AND deleted = FALSE
          ORDER BY sequence_nr LIMIT q.m) j
        ORDER BY q.i, j.sequence_nr;
        SELECT q.i, COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = q.pid), 0)
        FROM unnest(@ids::text[]) WITH ORDINALITY AS q(pid, i)
        """;

    /// <summary>
    /// One round trip for the lock and every row: the write lock's statement and an INSERT of the rows as seven
    /// arrays (one parameter per column, whatever the number of rows), sent together as one batch; the commit is the
    /// only other round trip. At the batch sizes the writer sees under load (tens of rows), round trips cost more than
    /// rows: binary COPY, used before, took three (lock, COPY start, COPY end) where this takes one. Rows take their
    /// offsets in the order given (<c>ORDER BY</c> the position), so one entity's events keep their order. A unique
    /// violation fails the statement and the transaction.
    /// </summary>
    public override async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows)
    {
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(WriteLockStatement));
        var insert = new NpgsqlBatchCommand(InsertRowsStatement);

        // One array per column, typed by the statement's casts (as the recovery reads pass theirs).
        object[] columns =
        [
            rows.Select(static r => r.PersistenceId).ToArray(), rows.Select(static r => r.SequenceNr).ToArray(),
            rows.Select(static r => r.Manifest).ToArray(), rows.Select(static r => r.Payload).ToArray(),
            rows.Select(static r => r.Tags).ToArray(), rows.Select(static r => r.WriterId).ToArray(),
            rows.Select(static r => r.CreatedAt).ToArray(),
        ];
        foreach (var column in columns)
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private const string InsertRowsStatement = """
        INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at)
        SELECT p, s, m, b, t, w, c
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::text[], $6::text[], $7::bigint[]) WITH ORDINALITY AS r(p, s, m, b, t, w, c, i)
        ORDER BY i
        """;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
