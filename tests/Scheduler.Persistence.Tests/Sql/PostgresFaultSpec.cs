using Scheduler.Actors;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>
/// Failures of a real PostgreSQL server under real load: the server dies in the middle of writes and comes back;
/// ten thousand entities recover at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFaultSpec(PostgresServer server, ITestOutputHelper output)
    : TestKit.TestKit(output, new TestKitOptions
    {
        Serialization = registry =>
        {
            registry.Register<Added>("test.added");
            registry.Register<CounterSnapshot>("test.counter-snapshot");
            registry.Register<GroupWriter.Step>("fault.step");
        },
    }), IAsyncLifetime
{
    private const int Writers = 20;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public async Task DisposeAsync() => await server.DropDatabaseAsync(_connectionString);

    private SqlPersistenceOptions Options => new()
    {
        Database = SqlDatabase.Postgres,
        ConnectionString = _connectionString,
        AutoInitialize = true,
        CircuitBreakerResetTimeout = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task When_the_server_dies_mid_write_acknowledged_events_survive_and_no_batch_is_half_written()
    {
        server.Server.IsPrivate.Should().BeTrue("this test stops and restarts the server; unset SCHEDULER_TEST_POSTGRES to let the tests start their own");
        await SqlPersistence.InitAsync(Sys, Options);
        var probe = CreateTestProbe();
        var supervisors = Enumerable.Range(0, Writers).Select(i => Sys.ActorOf(BackoffSupervisor.Props(
            new BackoffOptions(Props.Create(() => new GroupWriter($"writer-{i}", probe.Ref)), "writer", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0.2)
            {
                Mode = BackoffMode.OnStop,
            }))).ToList();
        var acked = new Dictionary<string, long>(StringComparer.Ordinal);
        var stopped = new HashSet<string>(StringComparer.Ordinal);
        bool Track(object message)
        {
            switch (message)
            {
                case GroupWriter.Acked a:
                    acked[a.PersistenceId] = Math.Max(acked.GetValueOrDefault(a.PersistenceId), a.SequenceNr);
                    break;
                case GroupWriter.Stopped s:
                    stopped.Add(s.PersistenceId);
                    break;
            }

            return false;
        }

        var wait = TimeSpan.FromSeconds(60);
        probe.FishForMessage<object>(m => Track(m) || acked.Count == Writers && acked.Values.Sum() >= 20 * Writers, wait);
        await server.Server.StopAsync();
        try
        {
            probe.FishForMessage<object>(m => Track(m) || stopped.Count == Writers, wait);
        }
        finally
        {
            await server.Server.StartAgainAsync();
        }

        var beforeOutage = new Dictionary<string, long>(acked, StringComparer.Ordinal);
        probe.FishForMessage<object>(m => Track(m) || acked.All(a => a.Value > beforeOutage[a.Key] + 3), wait);
        supervisors.ForEach(s => Sys.Stop(s));
        supervisors.ForEach(s =>
        {
            Watch(s);
            ExpectTerminated(s, wait);
        });

        var (journal, _) = await SqlPersistence.OpenAsync(Options, Sys.Serialization, TimeProvider.System);
        await using var j = journal;
        foreach (var (persistenceId, lastAcked) in acked)
        {
            var events = await journal.ReadEventsAsync(persistenceId, 1, long.MaxValue, int.MaxValue);
            events.Select(e => e.SequenceNr).Should().Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), "sequence numbers have no holes");
            events.Count.Should().BeGreaterThanOrEqualTo((int)lastAcked, "every acknowledged event of {0} is stored", persistenceId);
            events.Count.Should().Be(events.Count / 3 * 3, "atomic writes of three events are stored whole");
            events.Select(e => ((GroupWriter.Step)e.Payload).Index).Should().Equal(events.Select((_, i) => (i % 3) + 1));
        }
    }

    [Fact]
    public async Task Ten_thousand_entities_recover_at_once_without_timing_out()
    {
        const int count = 10_000;
        var (journal, _) = await SqlPersistence.OpenAsync(Options, Sys.Serialization, TimeProvider.System);
        await using (journal)
        {
            await journal.WriteMessagesAsync([.. Enumerable.Range(0, count).Select(i => new AtomicWrite([
                new PersistentRepresentation($"many-{i}", 1, new Added(i), "w", [], DateTimeOffset.UnixEpoch),
                new PersistentRepresentation($"many-{i}", 2, new Added(1), "w", [], DateTimeOffset.UnixEpoch)]))]);
        }

        await SqlPersistence.InitAsync(Sys, Options);
        var probe = CreateTestProbe();
        for (var i = 0; i < count; i++)
        {
            var persistenceId = $"many-{i}";
            Sys.ActorOf(Props.Create(() => new Counter(persistenceId, probe.Ref)));
        }

        var recovered = probe.ReceiveN(count, TimeSpan.FromMinutes(3)).Cast<string>().ToHashSet(StringComparer.Ordinal);

        recovered.Should().HaveCount(count);
        recovered.Should().Contain("recovered 10000 at 2").And.Contain("recovered 1 at 2");
    }
}

/// <summary>Persists groups of three events back to back, acknowledging each group once all three are written.</summary>
internal sealed class GroupWriter : ReceivePersistentActor
{
    private readonly IActorRef _probe;

    public GroupWriter(string persistenceId, IActorRef probe)
    {
        PersistenceId = persistenceId;
        _probe = probe;
        Recover<Step>(_ => { });
        Recover<RecoveryCompleted>(_ => Self.Tell(Next.Instance, Self));
        Command<Next>(_ => PersistAll([new Step(1), new Step(2), new Step(3)], step =>
        {
            if (step.Index == 3)
            {
                _probe.Tell(new Acked(PersistenceId, LastSequenceNr), Self);
                Self.Tell(Next.Instance, Self);
            }
        }));
    }

    public override string PersistenceId { get; }

    protected override void PostStop() => _probe.Tell(new Stopped(PersistenceId), Self);

    public sealed record Step(int Index);

    public sealed record Acked(string PersistenceId, long SequenceNr);

    public sealed record Stopped(string PersistenceId);

    private sealed record Next
    {
        public static readonly Next Instance = new();
    }
}
