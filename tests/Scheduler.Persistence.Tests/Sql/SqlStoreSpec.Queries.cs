using System.Data.Common;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Actors;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>Queries and projections on a real database: other writers, schema upgrades, exactly-once read models.</summary>
public abstract partial class SqlStoreSpec
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected static AtomicWrite Tagged(string persistenceId, long sequenceNr, int amount, params string[] tags) =>
        new([new PersistentRepresentation(persistenceId, sequenceNr, new Added(amount), "w", tags, DateTimeOffset.UnixEpoch)]);

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<IReadOnlyDictionary<string, long>> TalliesAsync()
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, total, events FROM tally";
        var tallies = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tallies[reader.GetString(0)] = reader.GetInt64(1);
            // Each event adds 1 to events; if any was applied twice, events would outgrow the number written.
            tallies[reader.GetString(0) + "#"] = reader.GetInt64(2);
        }

        return tallies;
    }

    [Fact]
    public async Task A_live_query_hears_writes_made_through_another_journal_on_the_same_database()
    {
        var (writer, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var w = writer;
        var (reader, _) = await SqlPersistence.OpenAsync(Options() with { QueryRefreshInterval = OtherProcessRefresh }, Registry(), TimeProvider.System);
        await using var r = reader;
        using var stop = new CancellationTokenSource();
        await using var live = reader.ReadJournal.EventsByTag("other", 0, stop.Token).GetAsyncEnumerator(stop.Token);

        var waiting = live.MoveNextAsync().AsTask();
        await writer.WriteMessagesAsync([Tagged("o", 1, 5, "other")]);

        (await waiting.WaitAsync(Patience)).Should().BeTrue();
        live.Current.Event.Should().Be(new Added(5));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_version_1_schema_is_upgraded_with_auto_initialize_and_refused_without()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await journal.WriteMessagesAsync([Tagged("old", 1, 1, "t")]);
        await journal.DisposeAsync();
        await ExecuteAsync("DROP TABLE projection_offset");
        await ExecuteAsync("DELETE FROM schema_version");
        await ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)");

        var refused = () => SqlPersistence.OpenAsync(Options(create: false), Registry(), TimeProvider.System);
        await refused.Should().ThrowAsync<InvalidOperationException>().WithMessage("*at version 1*writes version 3*");

        var (upgraded, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var u = upgraded;
        (await SqlProjection.ReadOffsetAsync(upgraded, "any")).Should().Be(0);
        (await upgraded.ReadEventsAsync("old", 1, 10, 10)).Should().HaveCount(1);
    }
}
