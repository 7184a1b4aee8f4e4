using System.Data.Common;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>What the SQL stores must do beyond the journal suite; runs on SQLite and on PostgreSQL.</summary>
public abstract partial class SqlStoreSpec(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Options for this test's database (created empty by <see cref="IAsyncLifetime.InitializeAsync"/>).</summary>
    protected abstract SqlPersistenceOptions Options(bool create = true);

    /// <summary>A new, unopened connection to this test's database.</summary>
    protected abstract DbConnection Connect();

    /// <summary>
    /// The poll interval for a live query to hear writes of another process: PostgreSQL announces them (so an hour
    /// proves NOTIFY works), SQLite cannot (so it polls quickly).
    /// </summary>
    protected abstract TimeSpan OtherProcessRefresh { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry();
        registry.Register<Added>("test.added");
        registry.Register<CounterSnapshot>("test.counter-snapshot");
        return registry;
    }

    [Fact]
    public async Task Without_auto_initialize_a_missing_schema_is_a_clear_error()
    {
        var open = () => SqlPersistence.OpenAsync(Options(create: false), Registry(), TimeProvider.System);
        await open.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no journal schema*auto-initialize*");
    }

    [Fact]
    public async Task A_stale_write_coalesced_with_others_fails_alone()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options() with { BatchSize = 1000 }, Registry(), TimeProvider.System);
        await using var _ = journal;
        static AtomicWrite Write(string id, long sequenceNr) =>
            new([new PersistentRepresentation(id, sequenceNr, new Added(1), "w", [], DateTimeOffset.UnixEpoch)]);
        await journal.WriteMessagesAsync([Write("taken", 1)]);

        var writes = Enumerable.Range(0, 200).Select(i => journal.WriteMessagesAsync([Write($"fresh-{i}", 1)])).ToList();
        var stale = journal.WriteMessagesAsync([Write("taken", 1)]);
        writes.AddRange(Enumerable.Range(200, 200).Select(i => journal.WriteMessagesAsync([Write($"fresh-{i}", 1)])));

        await stale.Invoking(t => t).Should().ThrowAsync<SequenceConflictException>().WithMessage("*'taken'*");
        await Task.WhenAll(writes);
        for (var i = 0; i < 400; i += 37)
        {
            (await journal.ReadHighestSequenceNrAsync($"fresh-{i}")).Should().Be(1);
        }
    }

    [Fact]
    public async Task Coalesced_writes_take_offsets_in_the_order_they_were_given()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options() with { BatchSize = 1000 }, Registry(), TimeProvider.System);
        await using var _ = journal;
        static AtomicWrite Events(string id, int count) => new([.. Enumerable.Range(1, count).Select(n =>
            new PersistentRepresentation(id, n, new Added(n), "w", ["order"], DateTimeOffset.UnixEpoch))]);

        // Many calls at once, so that the writer coalesces them; each call's events must keep their order.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => journal.WriteMessagesAsync([Events($"entity-{i}", 1 + (i % 7))])));

        var events = new List<EventEnvelope>();
        await foreach (var envelope in journal.ReadJournal.CurrentEventsByTag("order"))
        {
            events.Add(envelope);
        }

        events.Should().HaveCount(Enumerable.Range(0, 50).Sum(i => 1 + (i % 7)));
        events.Select(e => e.Offset).Should().BeInAscendingOrder();
        foreach (var entity in events.GroupBy(e => e.PersistenceId))
        {
            entity.Select(e => e.SequenceNr).Should().Equal(Enumerable.Range(1, entity.Count()).Select(n => (long)n), entity.Key);
        }
    }

    private sealed class Kit(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
    {
        Serialization = registry =>
        {
            registry.Register<Added>("test.added");
            registry.Register<CounterSnapshot>("test.counter-snapshot");
        },
    });

    [Fact]
    public async Task A_persistent_actor_recovers_in_a_new_system_from_the_same_file()
    {
        using (var first = new Kit(output))
        {
            await SqlPersistence.InitAsync(first.Sys, Options());
            var probe = first.CreateTestProbe();
            var counter = first.Sys.ActorOf(Props.Create(() => new Counter("durable", probe.Ref)));
            probe.ExpectMsg("recovered 0 at 0");
            counter.Tell(new Counter.AddAll([1, 2, 3]), first.TestActor);
            first.ReceiveN(3);
            counter.Tell(new Counter.Snap(), first.TestActor);
            probe.ExpectMsg("snapshot saved at 3");
            counter.Tell(new Counter.Add(4), first.TestActor);
            first.ExpectMsg(new Counter.State(10, 4));
        }

        using var second = new Kit(output);
        await SqlPersistence.InitAsync(second.Sys, Options(create: false));
        var again = second.CreateTestProbe();
        second.Sys.ActorOf(Props.Create(() => new Counter("durable", again.Ref)));
        again.ExpectMsg("snapshot at 3");
        again.ExpectMsg("recovered 10 at 4");
    }

    [Fact]
    public async Task Of_two_incarnations_of_one_entity_the_stale_one_fails_on_the_unique_key_and_stops()
    {
        using (var kit = new Kit(output))
        {
            await SqlPersistence.InitAsync(kit.Sys, Options());
            var probe = kit.CreateTestProbe();
            var first = kit.Sys.ActorOf(Props.Create(() => new Counter("twin", probe.Ref)));
            probe.ExpectMsg("recovered 0 at 0");
            var second = kit.Sys.ActorOf(Props.Create(() => new Counter("twin", probe.Ref)));
            probe.ExpectMsg("recovered 0 at 0");
            first.Tell(new Counter.Add(1), kit.TestActor);
            kit.ExpectMsg(new Counter.State(1, 1));

            kit.Watch(second);
            second.Tell(new Counter.Add(100), kit.TestActor);

            kit.ExpectTerminated(second);
            first.Tell(new Counter.Add(2), kit.TestActor);
            kit.ExpectMsg(new Counter.State(3, 2));
        }

        var (journal, _) = await SqlPersistence.OpenAsync(Options(create: false), Registry(), TimeProvider.System);
        await using var j = journal;
        (await journal.ReadEventsAsync("twin", 1, long.MaxValue, 100)).Select(e => e.Payload).Should().Equal(new Added(1), new Added(2));
    }
}
