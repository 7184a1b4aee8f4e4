using Scheduler.Testing.Postgres;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>
/// Runs <typeparamref name="TSpec"/> against a fresh database on a private PostgreSQL server, which the roles share
/// as their journal and witness.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public abstract class PostgresMultiNodeTests<TSpec>(ITestOutputHelper output, string databaseName) : IAsyncLifetime
    where TSpec : MultiNodeSpec, new()
{
    private PrivatePostgres? _server;
    private string? _database;

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync("SCHEDULER_TEST_POSTGRES");
        _database = await _server.CreateDatabaseAsync(databaseName);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            if (_database is not null)
            {
                await _server.DropDatabaseAsync(_database);
            }

            await _server.DisposeAsync();
        }
    }

    protected Task RunSpecAsync() =>
        MultiNodeRunner.RunAsync<TSpec>(output, new Dictionary<string, string>(StringComparer.Ordinal) { [EngineMultiNodeSpec.DatabaseParameter] = _database! });
}
