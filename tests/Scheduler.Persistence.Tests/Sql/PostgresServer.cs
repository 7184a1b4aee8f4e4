using Scheduler.Testing.Postgres;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>
/// The PostgreSQL server shared by the tests of the "postgres" collection (they run one after another): the one
/// <c>SCHEDULER_TEST_POSTGRES</c> names, or a private one (see <see cref="PrivatePostgres"/>). Missing binaries fail
/// the tests with the package to install; they are never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private PrivatePostgres? _server;

    public PrivatePostgres Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await PrivatePostgres.StartAsync("SCHEDULER_TEST_POSTGRES");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public Task DropDatabaseAsync(string connectionString) => Server.DropDatabaseAsync(connectionString);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
