using Microsoft.Data.Sqlite;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Journal;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The journal suite on a real SQLite file in a temporary folder.</summary>
public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-sqlite-").FullName;
    private readonly List<SqlJournal> _opened = [];

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "journal.db")}";

    protected override async Task<IJournal> OpenJournalAsync(SerializationRegistry serialization)
    {
        var options = new SqlPersistenceOptions { Database = SqlDatabase.Sqlite, ConnectionString = ConnectionString, AutoInitialize = true };
        var (journal, _) = await SqlPersistence.OpenAsync(options, serialization, TimeProvider.System);
        _opened.Add(journal);
        return journal;
    }

    protected override async Task CorruptAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET payload = @b WHERE persistence_id = @p AND sequence_nr = @s";
        command.Parameters.AddWithValue("@b", "{not json"u8.ToArray());
        command.Parameters.AddWithValue("@p", persistenceId);
        command.Parameters.AddWithValue("@s", sequenceNr);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    public override async Task DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            await journal.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
