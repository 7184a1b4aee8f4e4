using System.Data.Common;
using Microsoft.Data.Sqlite;
using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The journal suite on a real SQLite file in a temporary folder.</summary>
public sealed class SqliteJournalSpec : SqlJournalSpec
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-sqlite-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "journal.db")}";

    protected override Task<SqlPersistenceOptions> OptionsAsync() =>
        Task.FromResult(new SqlPersistenceOptions { Database = SqlDatabase.Sqlite, ConnectionString = ConnectionString, AutoInitialize = true });

    protected override DbConnection Connect() => new SqliteConnection(ConnectionString);

    protected override Task RemoveDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
