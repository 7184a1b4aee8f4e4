using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Configuration;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;
using Scheduler.Sharding.Extraction;
using Scheduler.Sharding.Internal;
using Scheduler.Sharding.Shards;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

/// <summary>
/// Sharding over a SQLite journal that outlives one actor system, or is shared by two: the coordinator's decisions
/// and the remembered entities are read back by the next system, and two live incarnations of one persistent
/// entity cannot both write.
/// </summary>
public sealed class PersistentShardingSpec : ShardingSpecBase, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-sharding-").FullName;
    private readonly List<ActorSystem> _others = [];

    public PersistentShardingSpec(ITestOutputHelper output)
        : base(output, "scheduler.cluster.sharding.remember-entities = on")
    {
    }

    private SqlPersistenceOptions Options => new()
    {
        Database = SqlDatabase.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder, "journal.db")}",
        AutoInitialize = true,
    };

    public async Task InitializeAsync()
    {
        PersistentCounter.Register(Sys.Serialization);
        await SqlPersistence.InitAsync(Sys, Options);
    }

    public async Task DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.Terminate();
        }

        await Sys.Terminate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Remembered_entities_start_again_in_the_next_system_without_a_message()
    {
        var earlier = await StartSystemAsync("earlier");
        var earlierRegion = ClusterSharding.Get(earlier).Start("counter", id => Counter.Props(id, null), ClusterShardingSettings.Create(earlier), Extractor);
        var ids = new[] { "r1", "r2", "r3", "r4", "r5" };
        foreach (var id in ids)
        {
            earlierRegion.Tell(new StartEntity(id), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10)).EntityId.Should().Be(id);
        }

        // The earlier system leaves: its shards hand off, their entities stay remembered.
        await earlier.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving).WaitAsync(TimeSpan.FromSeconds(30));

        JoinSelf();
        var reports = CreateTestProbe("reports");
        StartCounters(reports.Ref);

        var started = Enumerable.Range(0, ids.Length).Select(_ => reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(15)).Id).ToList();
        started.Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task A_shard_handing_off_stores_the_stops_still_waiting_for_its_store_before_it_stops()
    {
        var reports = CreateTestProbe("reports");
        var ids = InShardOf("h0", "h")[..4];
        var (kept, passivated, fresh) = (ids[..2], ids[2], ids[3]);
        var (earlier, earlierRegion) = await StartEarlierAsync(reports, ids[..3]);

        // A new entity's start waits for the lock; the passivated entity's stop waits behind it, in the shard.
        Task shutdown;
        await using (var holder = await HoldWriteLockAsync())
        {
            earlierRegion.Tell(To(fresh, new Counter.Add(1)), TestActor);
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Id.Should().Be(fresh);
            earlierRegion.Tell(To(passivated, Counter.PassivateMe.Instance), TestActor);
            reports.FishForMessage<Counter.Stopped>(stopped => stopped.Id == passivated, TimeSpan.FromSeconds(10));

            // The system leaves: its shard hands off and stops every entity (each reports it), then waits for its store.
            shutdown = earlier.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);
            var stopped = reports.ReceiveWhile(message => message as Counter.Stopped, TimeSpan.FromSeconds(15), max: 3);
            stopped.Select(s => s.Id).Should().BeEquivalentTo([.. kept, fresh]);
            await holder.Transaction.RollbackAsync();
        }

        await shutdown.WaitAsync(TimeSpan.FromSeconds(30));

        // The next home starts what was remembered: not the entity that passivated.
        JoinSelf();
        StartCounters(reports.Ref);
        var started = Enumerable.Range(0, 3).Select(_ => reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(15)).Id).ToList();
        started.Should().BeEquivalentTo([.. kept, fresh]);
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_start_asked_of_a_shard_handing_off_starts_nothing_there_and_stores_nothing()
    {
        var reports = CreateTestProbe("reports");
        var ids = InShardOf("s0", "s")[..3];
        var (kept, fresh, asked) = (ids[0], ids[1], ids[2]);
        var (earlier, earlierRegion) = await StartEarlierAsync(reports, [kept]);

        Task shutdown;
        await using (var holder = await HoldWriteLockAsync())
        {
            // A new entity's start waits for the lock, so the shard's hand-off waits for its store.
            earlierRegion.Tell(To(fresh, new Counter.Add(1)), TestActor);
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Id.Should().Be(fresh);
            shutdown = earlier.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);
            var stopped = reports.ReceiveWhile(message => message as Counter.Stopped, TimeSpan.FromSeconds(15), max: 2);
            stopped.Select(s => s.Id).Should().BeEquivalentTo([kept, fresh]);

            // Starts asked of the shard itself meanwhile (as an entity asks to be started again as it stops): neither
            // the remembered entity nor a new one may start at the home being left.
            var shard = earlier.ActorSelection((earlierRegion.Path / ActorNames.Encode(Extractor.ShardId(kept))).ToStringWithoutAddress());
            shard.Tell(new Identify("shard"), TestActor);
            ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(10)).Subject.Should().NotBeNull("the shard waits for its store");
            shard.Tell(new StartEntity(kept), TestActor);
            shard.Tell(new StartEntity(asked), TestActor);
            reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
            await holder.Transaction.RollbackAsync();
        }

        await shutdown.WaitAsync(TimeSpan.FromSeconds(30));

        // The next home starts what was remembered before the hand-off, and nothing the shard was asked during it.
        JoinSelf();
        StartCounters(reports.Ref);
        var started = Enumerable.Range(0, 2).Select(_ => reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(15)).Id).ToList();
        started.Should().BeEquivalentTo([kept, fresh]);
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Of_two_live_incarnations_of_one_entity_only_one_can_write_and_the_stale_one_stops()
    {
        // Two clusters on one journal: what a split brain looks like to an entity.
        var other = await StartSystemAsync("other");
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var settings = Settings with { RememberEntities = false };
        var here = Sharding.Start("ledger", id => PersistentCounter.Props(id, reports.Ref), settings, Extractor);
        var there = ClusterSharding.Get(other).Start("ledger", id => PersistentCounter.Props(id, null), ClusterShardingSettings.Create(other) with { RememberEntities = false }, Extractor);

        // Both incarnations recover the same (empty) history.
        here.Tell(To("x", Counter.Get.Instance), TestActor);
        ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10)).Value.Should().Be(0);
        there.Tell(To("x", Counter.Get.Instance), TestActor);
        ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10)).Value.Should().Be(0);

        there.Tell(To("x", new Counter.Add(7)), TestActor);
        ExpectMsg<PersistentCounter.Stored>(TimeSpan.FromSeconds(10)).SequenceNr.Should().Be(1);

        // The stale incarnation writes sequence number 1 again: the journal refuses it and it stops.
        here.Tell(To("x", new Counter.Add(1)), TestActor);
        reports.ExpectMsg<Counter.Stopped>(TimeSpan.FromSeconds(10)).Total.Should().Be(0);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // Its next incarnation recovers what the other wrote.
        here.Tell(To("x", Counter.Get.Instance), TestActor);
        ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10)).Value.Should().Be(7);
    }

    [Fact]
    public async Task A_shard_stores_the_starts_and_stops_that_come_while_a_write_is_in_flight_as_one_update()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        var inShard = InShardOf("k0", "k")[..6];
        var (first, later, passivated) = (inShard[0], inShard[1..4], inShard[4..]);
        foreach (var id in passivated)
        {
            region.Tell(new StartEntity(id), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Id.Should().Be(id);
        }

        var persistenceId = $"/sharding/counterShard/{Extractor.ShardId("k0")}";
        var before = (await StoredAsync(persistenceId)).Count;

        // Another connection takes SQLite's write lock: the store's first write waits for it, and everything the shard
        // is asked meanwhile has to wait for that write.
        await using var holder = await HoldWriteLockAsync();
        region.Tell(new StartEntity(first), TestActor);
        foreach (var id in passivated)
        {
            region.Tell(To(id, Counter.PassivateMe.Instance), TestActor);
            reports.FishForMessage<Counter.Stopped>(stopped => stopped.Id == id, TimeSpan.FromSeconds(10));
        }

        // The shard forgets a stopped entity as it asks to store the stop: both happen when it learns of the death.
        AwaitCondition(() => !Running(region).Intersect(passivated).Any(), TimeSpan.FromSeconds(10));
        foreach (var id in later)
        {
            region.Tell(new StartEntity(id), TestActor);
        }

        // The region's question reaches the shard behind the starts it forwarded: once answered, the shard has them all.
        Running(region).Should().BeEquivalentTo(inShard[..4], "new entities start (and recover) while their starts are stored");
        await holder.Transaction.RollbackAsync();

        var acked = Enumerable.Range(0, 1 + later.Count).Select(_ => ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10)).EntityId).ToList();
        acked.Should().BeEquivalentTo(inShard[..4]);
        var stored = (await StoredAsync(persistenceId)).Skip(before).Cast<RememberEntitiesStore.Changed>().ToList();
        stored.Should().HaveCount(2, "one row per update");
        stored[0].Started.Should().Equal(first);
        stored[0].Stopped.Should().BeEmpty();
        stored[1].Started.Should().BeEquivalentTo(later);
        stored[1].Stopped.Should().BeEquivalentTo(passivated, "the stops go with the next start's update");
    }

    [Fact]
    public async Task A_passivated_entitys_stop_waits_for_the_next_start_and_goes_in_its_row()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, Settings with { RememberEntitiesStopDelay = TimeSpan.FromMinutes(5) });
        var (passivated, fresh) = (InShardOf("w0", "w")[0], InShardOf("w0", "w")[1]);
        var persistenceId = $"/sharding/counterShard/{Extractor.ShardId(passivated)}";
        Start(region, reports, passivated);

        var before = (await StoredAsync(persistenceId)).Count;
        Passivate(region, reports, passivated);
        (await StoredAsync(persistenceId)).Should().HaveCount(before, "nobody waits for a stop: it waits for a start to go with");

        Start(region, reports, fresh);
        var stored = (await StoredAsync(persistenceId)).Skip(before).ToList();
        stored.Should().ContainSingle().Which.Should().BeEquivalentTo(new RememberEntitiesStore.Changed([fresh], [passivated]));
    }

    [Fact]
    public async Task A_stop_with_no_start_to_go_with_is_stored_after_the_delay()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, Settings with { RememberEntitiesStopDelay = TimeSpan.FromMilliseconds(300) });
        var passivated = InShardOf("d0", "d")[0];
        var persistenceId = $"/sharding/counterShard/{Extractor.ShardId(passivated)}";
        Start(region, reports, passivated);

        var before = (await StoredAsync(persistenceId)).Count;
        region.Tell(To(passivated, Counter.PassivateMe.Instance), TestActor);
        AwaitCondition(() => StoredAsync(persistenceId).GetAwaiter().GetResult().Count > before, TimeSpan.FromSeconds(10));
        (await StoredAsync(persistenceId)).Skip(before).Should().ContainSingle().Which.Should().BeEquivalentTo(new RememberEntitiesStore.Changed([], [passivated]));
    }

    [Fact]
    public async Task A_message_for_an_entity_whose_stop_waits_starts_it_again_without_a_write()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, Settings with { RememberEntitiesStopDelay = TimeSpan.FromMinutes(5) });
        var (passivated, fresh) = (InShardOf("m0", "m")[0], InShardOf("m0", "m")[1]);
        var persistenceId = $"/sharding/counterShard/{Extractor.ShardId(passivated)}";
        var first = Start(region, reports, passivated);
        Passivate(region, reports, passivated);
        var before = (await StoredAsync(persistenceId)).Count;

        region.Tell(To(passivated, new Counter.Add(4)), TestActor);
        var again = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));
        again.Id.Should().Be(passivated);
        again.Incarnation.Should().NotBe(first.Incarnation);
        reports.ExpectMsg<Counter.Seen>(TimeSpan.FromSeconds(10)).Should().Be(new Counter.Seen(passivated, again.Incarnation, 4));

        // Its stop is forgotten, not stored with the next start: the store never had it stopped.
        Start(region, reports, fresh);
        (await StoredAsync(persistenceId)).Skip(before).Should().ContainSingle().Which.Should().BeEquivalentTo(new RememberEntitiesStore.Changed([fresh], []));
    }

    [Fact]
    public async Task A_shard_handing_off_stores_the_stops_waiting_for_their_delay()
    {
        var reports = CreateTestProbe("reports");
        var (kept, passivated) = (InShardOf("x0", "x")[0], InShardOf("x0", "x")[1]);
        var earlier = await StartSystemAsync("earlier");
        var settings = ClusterShardingSettings.Create(earlier) with { RememberEntitiesStopDelay = TimeSpan.FromMinutes(5) };
        var earlierRegion = ClusterSharding.Get(earlier).Start("counter", id => Counter.Props(id, reports.Ref), settings, Extractor);
        Start(earlierRegion, reports, kept);
        Start(earlierRegion, reports, passivated);

        Passivate(earlierRegion, reports, passivated);
        await earlier.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving).WaitAsync(TimeSpan.FromSeconds(30));
        reports.FishForMessage<Counter.Stopped>(stopped => stopped.Id == kept, TimeSpan.FromSeconds(10));

        // The next home starts what was remembered: not the entity that passivated.
        JoinSelf();
        StartCounters(reports.Ref);
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(15)).Id.Should().Be(kept);
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_new_entity_recovers_while_its_start_is_stored_and_gets_its_messages_once_it_is()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        var (warm, fresh) = (InShardOf("n0", "n")[1], InShardOf("n0", "n")[2]);
        region.Tell(new StartEntity(warm), TestActor);
        ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));

        await using var holder = await HoldWriteLockAsync();
        region.Tell(To(fresh, new Counter.Add(5)), TestActor);
        var started = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));
        started.Id.Should().Be(fresh, "the entity starts while its start waits for the journal");
        Running(region).Should().Contain(fresh);
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        await holder.Transaction.RollbackAsync();
        reports.ExpectMsg<Counter.Seen>(TimeSpan.FromSeconds(10)).Should().Be(new Counter.Seen(fresh, started.Incarnation, 5));
    }

    [Fact]
    public async Task A_new_entity_that_asks_to_passivate_before_its_start_is_stored_leaves_its_messages_to_its_next_incarnation()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = Sharding.Start("leaver", id => id.StartsWith("leaving", StringComparison.Ordinal) ? Counter.LeavingAtOnce(id, reports.Ref) : Counter.Props(id, reports.Ref), Settings, Extractor);
        var leaving = "leaving0";
        var (other, later) = (InShardOf(leaving, "o")[0], InShardOf(leaving, "o")[1]);
        region.Tell(new StartEntity(other), TestActor);
        ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));

        await using (var holder = await HoldWriteLockAsync())
        {
            region.Tell(To(leaving, new Counter.Add(3)), TestActor);
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Id.Should().Be(leaving);
            var first = reports.LastSender;
            reports.ExpectMsg<Counter.StopHeld>(TimeSpan.FromSeconds(10)).Id.Should().Be(leaving, "the shard passivates it before its start is stored");
            await holder.Transaction.RollbackAsync();

            // The shard stores one update at a time: once a later start is acknowledged, the first write is stored.
            region.Tell(new StartEntity(later), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
            reports.FishForMessage<Counter.Started>(s => s.Id == later, TimeSpan.FromSeconds(10));
            first.Tell(Counter.Release.Instance);
        }

        // The message waited for the next incarnation; had the store released it to the passivating one, it would
        // have landed behind the stop and been lost.
        var seen = reports.FishForMessage<Counter.Seen>(_ => true, TimeSpan.FromSeconds(10));
        seen.Id.Should().Be(leaving);
        seen.Amount.Should().Be(3);
    }

    /// <summary>Starts the entity through the region; returns its report once it acknowledged the start.</summary>
    private Counter.Started Start(IActorRef region, TestProbe reports, string id)
    {
        region.Tell(new StartEntity(id), TestActor);
        ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
        return reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));
    }

    /// <summary>Has the entity passivate, and waits until its shard has forgotten it.</summary>
    private void Passivate(IActorRef region, TestProbe reports, string id)
    {
        region.Tell(To(id, Counter.PassivateMe.Instance), TestActor);
        reports.FishForMessage<Counter.Stopped>(stopped => stopped.Id == id, TimeSpan.FromSeconds(10));
        AwaitCondition(() => !Running(region).Contains(id), TimeSpan.FromSeconds(10));
    }

    /// <summary>Another connection takes SQLite's write lock (until rolled back): every journal write waits for it.</summary>
    private async Task<HeldLock> HoldWriteLockAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync();
        return new HeldLock(connection, connection.BeginTransaction(deferred: false));
    }

    /// <summary>Entity ids that start with <paramref name="prefix"/> and belong to the shard of <paramref name="entityId"/>.</summary>
    private static List<string> InShardOf(string entityId, string prefix) =>
        Enumerable.Range(0, 1000).Select(i => $"{prefix}{i}").Where(id => Extractor.ShardId(id) == Extractor.ShardId(entityId)).Take(8).ToList();

    private sealed record HeldLock(Microsoft.Data.Sqlite.SqliteConnection Connection, Microsoft.Data.Sqlite.SqliteTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private List<string> Running(IActorRef region)
    {
        region.Tell(GetShardRegionState.Instance, TestActor);
        return ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10)).Shards.SelectMany(shard => shard.EntityIds).ToList();
    }

    private async Task<List<object>> StoredAsync(string persistenceId) =>
        (await Persistence.Persistence.Get(Sys).Journal.ReadEventsAsync(persistenceId, 1, long.MaxValue, int.MaxValue)).Select(e => e.Payload).ToList();

    /// <summary>A node "earlier" running counters (reporting to <paramref name="reports"/>), these entities started.</summary>
    private async Task<(ActorSystem System, IActorRef Region)> StartEarlierAsync(TestProbe reports, IEnumerable<string> started)
    {
        var earlier = await StartSystemAsync("earlier");
        var region = ClusterSharding.Get(earlier).Start("counter", id => Counter.Props(id, reports.Ref), ClusterShardingSettings.Create(earlier), Extractor);
        foreach (var id in started)
        {
            region.Tell(new StartEntity(id), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));
        }

        return (earlier, region);
    }

    /// <summary>Another node, in a cluster of its own, on the same journal.</summary>
    private async Task<ActorSystem> StartSystemAsync(string name)
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString(FastTimings + "\nscheduler.cluster.sharding.remember-entities = on\n", "node configuration")
            .Build();
        var system = ActorSystem.Create(name, new ActorSystemSetup
        {
            Configuration = configuration,
            LoggerFactory = LoggerFactory,
            Serialization = registry =>
            {
                Counter.Register(registry);
                PersistentCounter.Register(registry);
            },
        }.WithRemoting());
        _others.Add(system);
        await SqlPersistence.InitAsync(system, Options);
        var cluster = Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember?.Status == MemberStatus.Up, TimeSpan.FromSeconds(10));
        return system;
    }
}
