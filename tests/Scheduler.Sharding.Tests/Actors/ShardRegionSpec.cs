using Scheduler.Actors;
using Scheduler.Sharding.Extraction;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

public sealed class ShardRegionSpec(ITestOutputHelper output) : ShardingSpecBase(output)
{
    [Fact]
    public void Messages_reach_one_entity_per_id_which_keeps_its_state()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);

        region.Tell(To("a", new Counter.Add(2)));
        region.Tell(To("b", new Counter.Add(5)));
        region.Tell(To("a", new Counter.Add(3)));
        region.Tell(To("a", Counter.Get.Instance), TestActor);
        region.Tell(To("b", Counter.Get.Instance), TestActor);

        TestProbe.ExpectMsgAllOf(TimeSpan.FromSeconds(10), new Counter.Total("a", 5), new Counter.Total("b", 5));
        var started = new[] { reports.FishForMessage<Counter.Started>(_ => true), reports.FishForMessage<Counter.Started>(_ => true) };
        started.Select(s => s.Id).Should().BeEquivalentTo(["a", "b"], "each entity started once");
    }

    [Fact]
    public void StartEntity_starts_an_entity_without_a_message_and_says_where()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);

        region.Tell(new StartEntity("quiet"), TestActor);

        ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10)).Should().Be(new StartEntityAck("quiet", Extractor.ShardId("quiet")));
        reports.ExpectMsg<Counter.Started>().Id.Should().Be("quiet");
    }

    [Fact]
    public void A_region_told_its_node_was_downed_stops_its_shards_at_once_and_starts_none_again()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, handOffStopMessage: Counter.Stop.Instance);
        region.Tell(To("a", new Counter.Add(1)));
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        region.Tell(Regions.ShardRegion.StopAsDowned.Instance, TestActor);

        FishForMessage<object>(message => message is Regions.ShardRegion.Left, TimeSpan.FromSeconds(5));
        reports.FishForMessage<Counter.Stopped>(_ => true, TimeSpan.FromSeconds(5)).Total.Should().Be(1, "the entity stopped without a hand-off");
        region.Tell(To("a", new Counter.Add(2)), TestActor);
        var dead = FishForMessage<DeadLetter>(letter => letter.Message is Counter.Add { Amount: 2 } or ShardingEnvelope { Message: Counter.Add { Amount: 2 } }, TimeSpan.FromSeconds(5));
        dead.Reason.Should().Contain("downed");
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_message_that_names_no_entity_goes_to_dead_letters_with_the_reason_and_the_region_carries_on()
    {
        JoinSelf();
        var region = StartCounters(null);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        region.Tell("not for any entity", TestActor);

        var dead = FishForMessage<DeadLetter>(letter => Equals(letter.Message, "not for any entity"), TimeSpan.FromSeconds(5));
        dead.Reason.Should().Contain("names no entity");
        region.Tell(To("a", Counter.Get.Instance), TestActor);
        FishForMessage<object>(message => message is Counter.Total, TimeSpan.FromSeconds(10)).Should().Be(new Counter.Total("a", 0));
    }

    [Fact]
    public void The_region_reports_its_shards_entities_and_where_an_entity_lives()
    {
        JoinSelf();
        var region = StartCounters(null);
        foreach (var id in new[] { "a", "b", "c" })
        {
            region.Tell(To(id, Counter.Get.Instance), TestActor);
            ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10));
        }

        region.Tell(GetShardRegionState.Instance, TestActor);
        var state = ExpectMsg<CurrentShardRegionState>();
        state.Shards.SelectMany(shard => shard.EntityIds).Should().BeEquivalentTo(["a", "b", "c"]);
        state.Shards.Should().OnlyContain(shard => shard.EntityIds.All(id => Extractor.ShardId(id) == shard.ShardId));

        region.Tell(new GetClusterShardingStats(TimeSpan.FromSeconds(3)), TestActor);
        var stats = ExpectMsg<ClusterShardingStats>(TimeSpan.FromSeconds(5));
        var self = Cluster.Cluster.Get(Sys).SelfAddress;
        stats.Regions.Keys.Should().Equal(self);
        stats.Regions[self].Stats.Values.Sum().Should().Be(3);

        region.Tell(new GetEntityLocation("b", TimeSpan.FromSeconds(3)), TestActor);
        var location = ExpectMsg<EntityLocation>(TimeSpan.FromSeconds(5));
        location.ShardId.Should().Be(Extractor.ShardId("b"));
        location.Region.Should().Be(self);
        location.Entity!.Path.Name.Should().Be("b");

        region.Tell(new GetEntityLocation("never-sent", TimeSpan.FromSeconds(3)), TestActor);
        ExpectMsg<EntityLocation>(TimeSpan.FromSeconds(5)).Entity.Should().BeNull();

        region.Tell(GetCurrentRegions.Instance, TestActor);
        ExpectMsg<CurrentRegions>(TimeSpan.FromSeconds(5)).Regions.Should().Equal(self);
    }
}

public sealed class RegionBufferSpec(ITestOutputHelper output) : ShardingSpecBase(output, "scheduler.cluster.sharding.buffer-size = 2")
{
    [Fact]
    public void Messages_for_shards_with_no_home_are_held_up_to_the_buffer_size_and_then_dead_lettered_with_the_reason()
    {
        JoinSelf();
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        // A proxy for a type whose regions run on a role nobody has: no shard ever gets a home.
        var proxy = Sharding.StartProxy("elsewhere", "nobody-has-this-role", Extractor);
        proxy.Tell(To("x", "first"), TestActor);
        proxy.Tell(To("y", "second"), TestActor);
        proxy.Tell(To("x", "third"), TestActor);

        var dead = FishForMessage<DeadLetter>(letter => letter.Message is ShardingEnvelope, TimeSpan.FromSeconds(5));
        dead.Message.Should().Be(To("x", "third"));
        dead.Reason.Should().Contain("holds 2 messages");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
