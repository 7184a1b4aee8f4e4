using System.Data.Common;
using Npgsql;

namespace Scheduler.Persistence.Sql;

/// <summary>PostgreSQL through Npgsql; several batches may commit in parallel.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "PostgreSQL";

    public override int MaxParameters => 65_000;

    public override IReadOnlyList<string> SchemaStatements { get; } =
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
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)",
    ];

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
