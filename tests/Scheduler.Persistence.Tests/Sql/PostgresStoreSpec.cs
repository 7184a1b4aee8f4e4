using System.Data.Common;
using Npgsql;
using Scheduler.Persistence.Sql;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreSpec(PostgresServer server, ITestOutputHelper output) : SqlStoreSpec(output)
{
    private string _connectionString = string.Empty;

    protected override SqlPersistenceOptions Options(bool create = true) =>
        new() { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = create };

    protected override DbConnection Connect() => new NpgsqlConnection(_connectionString);

    protected override TimeSpan OtherProcessRefresh => TimeSpan.FromHours(1);

    public override async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public override Task DisposeAsync() => server.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task A_write_waits_for_an_earlier_uncommitted_write_so_offsets_follow_commit_order()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        var serialized = Registry().Serialize(new Actors.Added(2));

        // Another node's write in flight: it holds the write lock and has drawn its offset, but has not committed.
        await using var other = new NpgsqlConnection(_connectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(PostgresDialect.WriteLockStatement, other, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at) VALUES ('slow', 1, @m, @b, ';order;', 'w', 0)",
            other, transaction))
        {
            insert.Parameters.AddWithValue("m", serialized.Manifest);
            insert.Parameters.AddWithValue("b", serialized.Payload.ToArray());
            await insert.ExecuteNonQueryAsync();
        }

        var fast = journal.WriteMessagesAsync([Tagged("fast", 1, 1, "order")]);
        await UntilAWriterWaitsForTheLockAsync();
        fast.IsCompleted.Should().BeFalse("the later write cannot draw an offset before the earlier one commits");
        await transaction.CommitAsync();
        await fast.WaitAsync(TimeSpan.FromSeconds(20));

        var events = new List<EventEnvelope>();
        await foreach (var envelope in journal.ReadJournal.CurrentEventsByTag("order"))
        {
            events.Add(envelope);
        }

        events.Select(e => e.PersistenceId).Should().Equal("slow", "fast");
    }

    private async Task UntilAWriterWaitsForTheLockAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        var started = TimeProvider.System.GetTimestamp();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(20), "the journal's write should queue behind the write lock");
        }
    }
}
