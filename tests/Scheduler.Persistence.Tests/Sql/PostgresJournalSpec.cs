using Npgsql;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Journal;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The journal suite on a real PostgreSQL server, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalSpec(PostgresServer server) : JournalSpec
{
    private readonly List<SqlJournal> _opened = [];
    private string? _connectionString;

    protected override async Task<IJournal> OpenJournalAsync(SerializationRegistry serialization)
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        var options = new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = true };
        var (journal, _) = await SqlPersistence.OpenAsync(options, serialization, TimeProvider.System);
        _opened.Add(journal);
        return journal;
    }

    protected override async Task CorruptAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
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

        if (_connectionString is not null)
        {
            await server.DropDatabaseAsync(_connectionString);
        }
    }
}
