using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Testing.Postgres;

namespace Scheduler.Bench.Suites.Journal;

/// <summary>
/// A fresh, empty database with the journal schema for one measurement: a SQLite file in a temporary folder, or a
/// new database on the PostgreSQL server. Durability settings stay at their defaults (fsync on).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PrivatePostgres? _server;
    private readonly string? _folder;

    private BenchDatabase(SqlPersistenceOptions options, PrivatePostgres? server, string? folder)
    {
        Options = options;
        _server = server;
        _folder = folder;
    }

    public SqlPersistenceOptions Options { get; }

    /// <summary>Transactions in flight at once, as the journal picks them by default.</summary>
    public int Parallelism => Options.EffectiveParallelism;

    public static async Task<BenchDatabase> CreateAsync(PrivatePostgres? server)
    {
        BenchDatabase database;
        if (server is null)
        {
            var folder = Directory.CreateTempSubdirectory("scheduler-bench-").FullName;
            var options = new SqlPersistenceOptions { Database = SqlDatabase.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "journal.db")}", AutoInitialize = true };
            database = new BenchDatabase(options, null, folder);
        }
        else
        {
            var connectionString = await server.CreateDatabaseAsync("bench").ConfigureAwait(false);
            database = new BenchDatabase(new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = connectionString, AutoInitialize = true }, server, null);
        }

        // Creates the schema, so raw inserts find the table.
        var (journal, _) = await SqlPersistence.OpenAsync(database.Options, Registry(), TimeProvider.System).ConfigureAwait(false);
        await journal.DisposeAsync().ConfigureAwait(false);
        return database;
    }

    public static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry();
        Register(registry);
        return registry;
    }

    public static void Register(SerializationRegistry registry) => registry.Register<Deposited>(Deposited.Manifest);

    /// <summary>A system whose persistence writes to this database.</summary>
    public async Task<ActorSystem> StartSystemAsync(string name)
    {
        var system = ActorSystem.Create(name, new ActorSystemSetup { Serialization = Register });
        await SqlPersistence.InitAsync(system, Options).ConfigureAwait(false);
        return system;
    }

    public DbConnection Connect() => Options.Database == SqlDatabase.Sqlite
        ? new SqliteConnection(Options.ConnectionString)
        : new NpgsqlConnection(Options.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DropDatabaseAsync(Options.ConnectionString).ConfigureAwait(false);
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
