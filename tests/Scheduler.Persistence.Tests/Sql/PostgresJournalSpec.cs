using System.Data.Common;
using Npgsql;
using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The journal suite on a real PostgreSQL server, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalSpec(PostgresServer server) : SqlJournalSpec
{
    private string? _connectionString;

    protected override async Task<SqlPersistenceOptions> OptionsAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        return new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = true };
    }

    protected override DbConnection Connect() => new NpgsqlConnection(_connectionString);

    protected override Task RemoveDatabaseAsync() =>
        _connectionString is null ? Task.CompletedTask : server.DropDatabaseAsync(_connectionString);
}
