using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Persistence.Sql;
using Scheduler.Sharding.Extraction;
using Scheduler.Testing.Postgres;
using Scheduler.TestKit.MultiNode;
using static Scheduler.Sharding.Tests.MultiNode.ShardingNodes;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>
/// Three workers host persistent, remembered entities on one PostgreSQL journal; a fourth node without the role
/// reaches them only through a proxy. The oldest worker, which also runs the coordinator, is killed with SIGKILL:
/// the survivors down it, the coordinator recovers its state on the next oldest, and the dead node's remembered
/// entities start again on the survivors, without any message, with their totals recovered. A global registry sees
/// every incarnation start and stop and reports none alive twice.
/// </summary>
public sealed class ShardingFailoverSpec : MultiNodeSpec
{
    public const string JournalParameter = "journal";
    private const int Entities = 300;
    private const string TypeName = "ledger";
    private static readonly HashCodeMessageExtractor Extractor = new(30);

    public ShardingFailoverSpec()
    {
        Workers = [.. new[] { "first", "second", "third" }.Select(Config.Role)];
        Client = Config.Role("client");
        Config.CommonHocon = FastTimings + "\nscheduler.cluster.sharding { role = worker, remember-entities = on }\n";
        foreach (var worker in Workers)
        {
            Config.NodeConfig(worker, "scheduler.cluster.roles = [worker]");
        }

        Config.Serialization = registry =>
        {
            Counter.Register(registry);
            PersistentCounter.Register(registry);
            GlobalRegistry.RegisterManifests(registry);
            RegisteredLedger.Register(registry);
        };
        Config.Timeout = TimeSpan.FromMinutes(3);
    }

    private IReadOnlyList<RoleName> Workers { get; }

    private RoleName Client { get; }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var (first, second, third) = (Workers[0], Workers[1], Workers[2]);
        var cluster = Cluster.Cluster.Get(node.Sys);
        var options = new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = node.Parameter(JournalParameter) };

        // One node makes the tables; the others only open them.
        await node.RunOnAsync(() => SqlPersistence.InitAsync(node.Sys, options with { AutoInitialize = true }), first);
        await node.EnterBarrierAsync("journal-ready");
        await node.RunOnAsync(() => SqlPersistence.InitAsync(node.Sys, options), second, third, Client);

        // The first joins itself and is the oldest worker, so the coordinator runs there.
        node.RunOn(() => cluster.JoinSeedNodes([node.Node(first)]), first);
        await node.EnterBarrierAsync("first-joining");
        cluster.JoinSeedNodes([node.Node(first)]);
        AwaitUp(node, 4);
        node.RunOn(() => node.Sys.ActorOf(Props.Create<GlobalRegistry>(), GlobalRegistry.Name), Client);
        await node.EnterBarrierAsync("all-up");

        var registry = node.Sys.ResolveActorRef($"{node.Node(Client)}/user/{GlobalRegistry.Name}");
        var region = node.IsNode(Client)
            ? ClusterSharding.Get(node.Sys).StartProxy(TypeName, "worker", Extractor)
            : ClusterSharding.Get(node.Sys).Start(TypeName, id => RegisteredLedger.Props(id, registry), ClusterShardingSettings.Create(node.Sys), Extractor, handOffStopMessage: RegisteredLedger.Leave.Instance);
        await node.EnterBarrierAsync("regions-started");

        // The client writes to every entity through its proxy and waits until the shards have spread evenly.
        HashSet<string> onFirst = [];
        node.RunOn(
            () =>
            {
                AddToEvery(node, region, entity => entity + 1, entity => entity + 1);
                node.AwaitAssert(() => ShardsPerNode(node, region).Values.Should().Equal(10, 10, 10), Patience, TimeSpan.FromMilliseconds(300));
                var snapshot = AwaitRegistry(node, registry);
                onFirst = [.. snapshot.Alive.Where(r => r.Node == node.Node(first).ToString()).Select(r => r.EntityId)];
                onFirst.Should().NotBeEmpty("the oldest worker hosts its share before it dies");
            },
            Client);
        await node.EnterBarrierAsync("written");

        await node.RunOnAsync(() => node.TestConductor.KillAsync(first), Client);
        await node.EnterBarrierAsync("first-killed");

        // Without any message, the dead node's entities start again on the survivors with what they had stored.
        node.RunOn(() => AwaitUp(node, 3), second, third, Client);
        node.RunOn(
            () =>
            {
                var dead = node.Node(first).ToString();
                var snapshot = AwaitRegistry(node, registry, current => current.Alive.Should().NotContain(r => r.Node == dead, "every entity of the dead node has started elsewhere"));
                var restarted = snapshot.Alive.Where(r => onFirst.Contains(r.EntityId)).ToList();
                restarted.Should().HaveCount(onFirst.Count).And.OnlyContain(r => r.Total == EntityIndex(r.EntityId) + 1, "each recovered its stored total");
                snapshot.Registrations.Should().BeGreaterThanOrEqualTo(Entities + onFirst.Count);

                // The proxy reaches every entity where it lives now, and each still writes its own history.
                AddToEvery(node, region, _ => 1000, entity => entity + 1 + 1000);
                ShardsPerNode(node, region).Keys.Should().BeEquivalentTo([node.Node(second), node.Node(third)]);
                AwaitRegistry(node, registry);
            },
            Client);
        await node.EnterBarrierAsync("recovered");
    }

    private static int EntityIndex(string entityId) => int.Parse(entityId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds <paramref name="amount"/> to every entity, pipelined, and checks each total it answers.</summary>
    private static void AddToEvery(MultiNodeTestKit node, IActorRef region, Func<int, int> amount, Func<int, int> expectedTotal)
    {
        var probe = node.CreateTestProbe();
        for (var entity = 0; entity < Entities; entity++)
        {
            region.Tell(new ShardingEnvelope($"e{entity}", new Counter.Add(amount(entity))), probe.Ref);
        }

        var totals = Enumerable.Range(0, Entities).Select(_ => probe.ExpectMsg<Counter.Total>(Patience)).ToDictionary(total => total.Id, total => total.Value, StringComparer.Ordinal);
        totals.Should().HaveCount(Entities);
        totals.Should().OnlyContain(pair => pair.Value == expectedTotal(EntityIndex(pair.Key)));
    }

    /// <summary>
    /// Waits until every entity is registered once (and <paramref name="also"/> holds), and fails on any moment one
    /// was alive twice.
    /// </summary>
    private static GlobalRegistry.Snapshot AwaitRegistry(MultiNodeTestKit node, IActorRef registry, Action<GlobalRegistry.Snapshot>? also = null)
    {
        var probe = node.CreateTestProbe();
        GlobalRegistry.Snapshot? snapshot = null;
        node.AwaitAssert(
            () =>
            {
                registry.Tell(GlobalRegistry.Query.Instance, probe.Ref);
                snapshot = probe.ExpectMsg<GlobalRegistry.Snapshot>(TimeSpan.FromSeconds(5));
                snapshot.Violations.Should().BeEmpty("no entity is ever alive twice");
                snapshot.Alive.Should().HaveCount(Entities);
                also?.Invoke(snapshot);
            },
            Patience,
            TimeSpan.FromMilliseconds(200));
        return snapshot!;
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class ShardingFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PrivatePostgres? _server;
    private string? _journal;

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync("SCHEDULER_TEST_POSTGRES");
        _journal = await _server.CreateDatabaseAsync("sharding");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            if (_journal is not null)
            {
                await _server.DropDatabaseAsync(_journal);
            }

            await _server.DisposeAsync();
        }
    }

    [Fact]
    public Task A_killed_nodes_remembered_entities_restart_on_the_survivors_with_their_state_and_none_lives_twice() =>
        MultiNodeRunner.RunAsync<ShardingFailoverSpec>(output, new Dictionary<string, string>(StringComparer.Ordinal) { [ShardingFailoverSpec.JournalParameter] = _journal! });
}
