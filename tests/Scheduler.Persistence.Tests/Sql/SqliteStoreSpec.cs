using System.Data.Common;
using Microsoft.Data.Sqlite;
using Scheduler.Persistence.Sql;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

public sealed class SqliteStoreSpec(ITestOutputHelper output) : SqlStoreSpec(output)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-sqlite-").FullName;

    protected override SqlPersistenceOptions Options(bool create = true) => new()
    {
        Database = SqlDatabase.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder, "scheduler.db")}",
        AutoInitialize = create,
    };

    protected override DbConnection Connect() => new SqliteConnection(Options().ConnectionString);

    protected override TimeSpan OtherProcessRefresh => TimeSpan.FromMilliseconds(20);

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
