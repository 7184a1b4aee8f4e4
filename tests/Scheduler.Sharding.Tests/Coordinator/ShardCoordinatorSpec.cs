using Scheduler.Actors;
using Scheduler.Sharding.Allocation;
using Scheduler.Sharding.Coordinator;
using Scheduler.Sharding.Internal;
using Scheduler.Sharding.Tests.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;
using static Scheduler.Sharding.Coordinator.CoordinatorEvent;

namespace Scheduler.Sharding.Tests.Coordinator;

/// <summary>
/// The coordinator alone, with probes as its regions: the edge cases of its protocol that real regions on a healthy
/// cluster rarely reach (a region found gone at recovery, a word lost in flight, a node started again at its address).
/// </summary>
public sealed class ShardCoordinatorSpec(ITestOutputHelper output) : ShardingSpecBase(output, """
    scheduler.cluster.sharding {
      rebalance-interval = 1h
      shard-start-timeout = 5s
    }
    """)
{
    private int _coordinators;

    private ClusterShardingSettings Remembering => Settings with { RememberEntities = true };

    private long SelfUid => Cluster.Cluster.Get(Sys).SelfUniqueAddress.Uid;

    [Fact]
    public async Task Shards_of_two_regions_found_gone_at_recovery_get_one_home_each_spread_over_the_live_regions()
    {
        JoinSelf();
        var (live1, live2) = (CreateTestProbe("live-1"), CreateTestProbe("live-2"));
        var (gone1, gone2) = (DeadRegion(1), DeadRegion(2));
        var shards = Enumerable.Range(1, 8).Select(i => $"s{i}").ToList();
        await SeedAsync("t1",
        [
            new RegionRegistered(gone1), new RegionRegistered(gone2), new RegionRegistered(live1.Ref), new RegionRegistered(live2.Ref),
            .. shards.Take(4).Select(shard => new ShardHomeAllocated(shard, gone1)),
            .. shards.Skip(4).Select(shard => new ShardHomeAllocated(shard, gone2)),
        ]);

        var coordinator = StartCoordinator("t1", Remembering);

        // Both gone regions are dealt with in one go at recovery; each of their shards is told to exactly one live
        // region (told again is allowed, told to two is the bug), and the picks see each other (least shards), so
        // the live regions share them.
        var told = new List<(string Shard, TestProbe Region)>();
        AwaitAssert(() =>
        {
            told.AddRange(TakeHostShards(live1));
            told.AddRange(TakeHostShards(live2));
            told.Select(host => host.Shard).Distinct().Should().BeEquivalentTo(shards);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        var hosted = told.Distinct().ToList();
        hosted.Should().HaveCount(shards.Count, "no shard was told to two regions");
        hosted.Count(host => host.Region == live1).Should().Be(4);

        // The journal it wrote is one a successor recovers, with every shard where it was told to be.
        Stop(coordinator);
        coordinator = StartCoordinator("t1", Remembering);
        foreach (var (shard, region) in hosted)
        {
            coordinator.Tell(new ShardingProtocol.WhereIsShard(shard), TestActor);
            ExpectMsg<ShardingProtocol.ShardAt>(TimeSpan.FromSeconds(5)).Region.Should().Be(region.Ref);
        }
    }

    [Fact]
    public void A_region_that_does_not_say_it_started_a_shard_is_told_again_until_it_does()
    {
        JoinSelf();
        var region = CreateTestProbe("region");
        var coordinator = StartCoordinator("t2", Settings with { ShardStartTimeout = TimeSpan.FromMilliseconds(300) });
        RegisterAndAwaitAck(coordinator, region, SelfUid);

        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), region.Ref);
        region.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5)).Shard.Should().Be("s1");
        region.ExpectMsg<ShardingProtocol.ShardHome>(TimeSpan.FromSeconds(5)).Region.Should().Be(region.Ref);

        // The first word is taken as lost: the same region is told again, and again, until it answers.
        region.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5)).Shard.Should().Be("s1");
        region.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5)).Shard.Should().Be("s1");
        region.Reply(new ShardingProtocol.ShardStarted("s1"));

        // One more may have been on its way when the answer arrived; a coordinator that kept telling would send
        // about three in this window.
        region.ReceiveWhile(message => message as ShardingProtocol.HostShard, TimeSpan.FromSeconds(1)).Should().HaveCountLessThanOrEqualTo(1);
    }

    [Fact]
    public void A_shard_that_starts_to_move_is_not_told_again_to_the_region_it_leaves()
    {
        JoinSelf();
        var leaving = CreateTestProbe("leaving");
        var staying = CreateTestProbe("staying");
        var coordinator = StartCoordinator("t7", Settings with { ShardStartTimeout = TimeSpan.FromMilliseconds(200), HandOffTimeout = TimeSpan.FromMinutes(1) });
        RegisterAndAwaitAck(coordinator, leaving, SelfUid + 1); // not a candidate: the shard goes to the other
        RegisterAndAwaitAck(coordinator, staying, SelfUid);
        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), staying.Ref);
        staying.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5));
        staying.ExpectMsg<ShardingProtocol.ShardHome>(TimeSpan.FromSeconds(5));

        // Its region never says it started it, then leaves: the hand-off begins, and from then on the shard is
        // not told to it again (it would start there while it moves elsewhere).
        coordinator.Tell(new ShardingProtocol.GracefulShutdownReq(staying.Ref, []), staying.Ref);
        var seen = staying.ReceiveWhile(message => message, TimeSpan.FromSeconds(1.5));
        var begun = seen.ToList().FindIndex(message => message is ShardingProtocol.BeginHandOff);
        begun.Should().BeGreaterThanOrEqualTo(0);
        seen.Skip(begun + 1).OfType<ShardingProtocol.HostShard>().Should().BeEmpty();
    }

    [Fact]
    public void A_new_incarnation_registering_at_the_same_address_replaces_the_earlier_region_and_takes_its_shards()
    {
        JoinSelf();
        var earlier = CreateTestProbe("earlier");
        var later = CreateTestProbe("later");
        var coordinator = StartCoordinator("t3", Remembering);
        RegisterAndAwaitAck(coordinator, earlier, SelfUid);
        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), earlier.Ref);
        earlier.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5));
        earlier.Reply(new ShardingProtocol.ShardStarted("s1"));
        earlier.ExpectMsg<ShardingProtocol.ShardHome>(TimeSpan.FromSeconds(5));

        RegisterAndAwaitAck(coordinator, later, SelfUid);

        // The earlier region is gone at once, not when its member's removal is seen: its remembered shard moves.
        later.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5)).Shard.Should().Be("s1");
        later.Reply(new ShardingProtocol.ShardStarted("s1"));
        coordinator.Tell(new ShardingProtocol.WhereIsShard("s1"), TestActor);
        ExpectMsg<ShardingProtocol.ShardAt>(TimeSpan.FromSeconds(5)).Region.Should().Be(later.Ref);
        coordinator.Tell(new ShardingProtocol.GetShardHome("s2"), earlier.Ref);
        earlier.ExpectMsg<ShardingProtocol.NotRegistered>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_region_registered_for_another_incarnation_of_its_node_gets_no_shard()
    {
        JoinSelf();
        var stale = CreateTestProbe("stale");
        var coordinator = StartCoordinator("t4", Settings);
        RegisterAndAwaitAck(coordinator, stale, SelfUid + 1);

        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), stale.Ref);
        stale.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        var current = CreateTestProbe("current");
        RegisterAndAwaitAck(coordinator, current, SelfUid);
        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), current.Ref);
        current.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5)).Shard.Should().Be("s1");
    }

    [Fact]
    public void A_requester_the_coordinator_does_not_know_is_told_to_register_and_nothing_is_allocated()
    {
        JoinSelf();
        var stranger = CreateTestProbe("stranger");
        var coordinator = StartCoordinator("t5", Settings);

        coordinator.Tell(new ShardingProtocol.GetShardHome("s1"), stranger.Ref);

        stranger.ExpectMsg<ShardingProtocol.NotRegistered>(TimeSpan.FromSeconds(5));
        coordinator.Tell(new ShardingProtocol.WhereIsShard("s1"), TestActor);
        ExpectMsg<ShardingProtocol.ShardAt>(TimeSpan.FromSeconds(5)).Region.Should().BeNull();
    }

    [Fact]
    public void At_most_max_simultaneous_rebalance_hand_offs_run_at_once()
    {
        JoinSelf();
        var region = CreateTestProbe("region");
        var strategy = new MoveEverything();
        var settings = Settings with
        {
            RebalanceInterval = TimeSpan.FromMilliseconds(100),
            MaxSimultaneousRebalance = 2,
            HandOffTimeout = TimeSpan.FromMinutes(1), // the unacknowledged hand-off must not end by timing out
        };
        var coordinator = StartCoordinator("t6", settings, strategy);
        RegisterAndAwaitAck(coordinator, region, SelfUid);
        foreach (var shard in new[] { "s1", "s2", "s3", "s4", "s5" })
        {
            coordinator.Tell(new ShardingProtocol.GetShardHome(shard), region.Ref);
            region.ExpectMsg<ShardingProtocol.HostShard>(TimeSpan.FromSeconds(5));
            region.Reply(new ShardingProtocol.ShardStarted(shard));
            region.ExpectMsg<ShardingProtocol.ShardHome>(TimeSpan.FromSeconds(5));
        }

        // The strategy asks to move all five every round; two hand-offs start, and no more while they run.
        strategy.Moving = true;
        var first = region.ExpectMsg<ShardingProtocol.BeginHandOff>(TimeSpan.FromSeconds(5));
        var firstWorker = region.LastSender;
        var second = region.ExpectMsg<ShardingProtocol.BeginHandOff>(TimeSpan.FromSeconds(5));
        second.Shard.Should().NotBe(first.Shard);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(800));

        // One ends; its slot is taken by exactly one new hand-off.
        firstWorker.Tell(new ShardingProtocol.BeginHandOffAck(first.Shard), region.Ref);
        region.ExpectMsg<ShardingProtocol.HandOff>(TimeSpan.FromSeconds(5)).Shard.Should().Be(first.Shard);
        region.Reply(new ShardingProtocol.ShardStopped(first.Shard));
        var begun = 0;
        region.ReceiveWhile<object>(message =>
        {
            switch (message)
            {
                case ShardingProtocol.HostShard host:
                    coordinator.Tell(new ShardingProtocol.ShardStarted(host.Shard), region.Ref);
                    return message;
                case ShardingProtocol.BeginHandOff begin:
                    begin.Shard.Should().NotBe(second.Shard);
                    begun++;
                    return message;
                default:
                    return null;
            }
        }, TimeSpan.FromSeconds(1));
        begun.Should().Be(1);
    }

    /// <summary>A region ref at an address no member has: what the journal holds of a node that died.</summary>
    private IActorRef DeadRegion(int port)
    {
        var self = Cluster.Cluster.Get(Sys).SelfAddress;
        return Sys.ResolveActorRef(new Address(self.Protocol, self.System, "127.0.0.1", port) + "/system/sharding/gone");
    }

    private async Task SeedAsync(string typeName, IReadOnlyList<object> history)
    {
        _ = Sharding;
        var seeder = Sys.ActorOf(JournalSeeder.Props($"/sharding/{typeName}Coordinator", history), "seeder-" + typeName);
        var seeded = await seeder.Ask<JournalSeeder.Seeded>(JournalSeeder.Seed.Instance, TimeSpan.FromSeconds(10));
        seeded.Events.Should().Be(history.Count);
        Stop(seeder);
    }

    private IActorRef StartCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy? strategy = null)
    {
        _ = Sharding; // registers the protocol's messages and the coordinator's events
        strategy ??= new LeastShardAllocationStrategy(settings.RebalanceAbsoluteLimit, settings.RebalanceRelativeLimit);
        return Sys.ActorOf(ShardCoordinator.Props(typeName, settings, strategy), $"coordinator-{typeName}-{++_coordinators}");
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor, TimeSpan.FromSeconds(5));
    }

    private static void RegisterAndAwaitAck(IActorRef coordinator, TestProbe region, long uid)
    {
        coordinator.Tell(new ShardingProtocol.Register(region.Ref, uid), region.Ref);
        region.ExpectMsg<ShardingProtocol.RegisterAck>(TimeSpan.FromSeconds(5));
    }

    /// <summary>The HostShard messages the probe holds now, each acknowledged as a real region would.</summary>
    private static List<(string Shard, TestProbe Region)> TakeHostShards(TestProbe region)
    {
        var taken = new List<(string Shard, TestProbe Region)>();
        while (region.HasMessages)
        {
            var message = region.ExpectMsg<object>(TimeSpan.FromSeconds(1));
            if (message is ShardingProtocol.HostShard host)
            {
                region.Reply(new ShardingProtocol.ShardStarted(host.Shard));
                taken.Add((host.Shard, region));
            }
        }

        return taken;
    }

    /// <summary>Puts every shard on the first region, and once <see cref="Moving"/> asks to move all that are not moving.</summary>
    private sealed class MoveEverything : IShardAllocationStrategy
    {
        public volatile bool Moving;

        public IActorRef AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations) =>
            currentShardAllocations.Keys.First();

        public IReadOnlySet<string> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress) =>
            Moving
                ? currentShardAllocations.Values.SelectMany(shards => shards).Where(shard => !rebalanceInProgress.Contains(shard)).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
    }
}
