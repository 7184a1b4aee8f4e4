using Scheduler.Persistence.Sql;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreSpec(PostgresServer server, ITestOutputHelper output) : SqlStoreSpec(output)
{
    private string _connectionString = string.Empty;

    protected override SqlPersistenceOptions Options(bool create = true) =>
        new() { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = create };

    public override async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public override Task DisposeAsync() => server.DropDatabaseAsync(_connectionString);
}
