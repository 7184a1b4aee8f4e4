using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Journal;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>
/// Recovery reads queued behind a slow one are answered together, by PostgreSQL's batch query, each with exactly
/// what a read of its own would give. The lone read is held at a gate, so the batching is certain, not timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchingRecoveryReaderSpec(PostgresServer server) : IAsyncLifetime
{
    private readonly SerializationRegistry _registry = Registry();
    private string _connectionString = null!;
    private SqlJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        (_journal, _) = await SqlPersistence.OpenAsync(
            new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = true },
            _registry, TimeProvider.System);
        for (var i = 0; i < 30; i++)
        {
            var events = Enumerable.Range(1, (i % 6) + 1)
                .Select(n => new PersistentRepresentation(Id(i), n, new JournalSpec.TckEvent($"{i}-{n}"), "writer-1", [], DateTimeOffset.UnixEpoch))
                .ToList();
            await _journal.WriteMessagesAsync([new AtomicWrite(events)]);
        }

        await _journal.DeleteMessagesToAsync(Id(7), 2);
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        await server.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Reads_queued_behind_a_slow_one_are_answered_in_batches_each_as_its_own_read_would_be()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lone = 0;
        await using var dialect = new PostgresDialect(_connectionString);
        await using var reader = new BatchingRecoveryReader(dialect, dialect.RecoveryBatchSql, _registry, async (id, from, to, max, token) =>
        {
            Interlocked.Increment(ref lone);
            reading.TrySetResult();
            await gate.Task;
            return await _journal.Queries.ReadEntityWithHighestAsync(id, from, to, max, token);
        }, parallelism: 1, maxBatch: 25);

        var first = reader.ReadAsync(Id(0), 1, long.MaxValue, 1000, CancellationToken.None);
        await reading.Task;
        var asks = Enumerable.Range(0, 60)
            .Select(i => (Id: i == 59 ? "never-written" : Id(i % 30), From: (long)(i % 3) + 1, To: i % 4 == 0 ? 3L : long.MaxValue, Max: i % 5 == 0 ? 2 : 1000))
            .ToList();
        var queued = asks.Select(a => reader.ReadAsync(a.Id, a.From, a.To, a.Max, CancellationToken.None)).ToList();
        using var giveUp = new CancellationTokenSource();
        var abandoned = reader.ReadAsync(Id(1), 1, long.MaxValue, 1000, giveUp.Token);
        await giveUp.CancelAsync();
        gate.SetResult();

        (await first).Events.Should().HaveCount(1);
        await FluentActions.Awaiting(() => abandoned).Should().ThrowAsync<OperationCanceledException>();
        for (var i = 0; i < asks.Count; i++)
        {
            var (id, from, to, max) = asks[i];
            var (events, highest) = await queued[i];
            var (expected, expectedHighest) = await _journal.Queries.ReadEntityWithHighestAsync(id, from, to, max, CancellationToken.None);
            events.Select(e => (e.PersistenceId, e.SequenceNr, e.Payload)).Should().Equal(
                expected.Select(e => (e.PersistenceId, e.SequenceNr, e.Payload)), $"read {i} ({id} from {from} to {to}, at most {max})");
            highest.Should().Be(expectedHighest, $"read {i} ({id})");
        }

        lone.Should().Be(1, "only the first read went alone; the 60 behind it were answered by batch queries of at most 25");
    }

    [Fact]
    public async Task After_disposal_reads_are_refused_with_a_clear_error()
    {
        await using var dialect = new PostgresDialect(_connectionString);
        var reader = new BatchingRecoveryReader(dialect, dialect.RecoveryBatchSql, _registry,
            (id, from, to, max, token) => _journal.Queries.ReadEntityWithHighestAsync(id, from, to, max, token), parallelism: 2, maxBatch: 25);
        await reader.DisposeAsync();

        await FluentActions.Awaiting(() => reader.ReadAsync(Id(0), 1, long.MaxValue, 10, CancellationToken.None))
            .Should().ThrowAsync<ObjectDisposedException>().WithMessage("*recovery reads are refused*");
    }

    private static string Id(int i) => $"entity-{i}";

    private static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry();
        registry.Register<JournalSpec.TckEvent>("tck-event");
        return registry;
    }
}
