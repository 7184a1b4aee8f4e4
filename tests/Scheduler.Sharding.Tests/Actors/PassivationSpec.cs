using Scheduler.Actors;
using Scheduler.Sharding.Extraction;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

public sealed class PassivationSpec(ITestOutputHelper output) : ShardingSpecBase(output)
{
    [Fact]
    public void Messages_sent_while_an_entity_passivates_reach_its_next_incarnation_and_none_is_lost()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        region.Tell(To("p", new Counter.Add(0)));
        var first = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Incarnation;
        reports.ExpectMsg<Counter.Seen>().Should().Be(new Counter.Seen("p", first, 0));

        // The entity asks to passivate and holds on after the shard's stop message: from then on the shard must
        // keep everything sent to the entity for its next incarnation.
        region.Tell(To("p", Counter.PassivateAndHold.Instance));
        reports.ExpectMsg<Counter.StopHeld>(TimeSpan.FromSeconds(10)).Incarnation.Should().Be(first);
        var oldIncarnation = reports.LastSender;
        for (var i = 1; i <= 200; i++)
        {
            region.Tell(To("p", new Counter.Add(i)));
        }

        // The state query goes through the same shard, so its answer means the shard has taken all 200 in.
        region.Tell(GetShardRegionState.Instance, TestActor);
        ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10));
        oldIncarnation.Tell(Counter.Release.Instance);

        var stopped = reports.ExpectMsg<Counter.Stopped>(TimeSpan.FromSeconds(10));
        stopped.Should().Be(new Counter.Stopped("p", first, 0), "the old incarnation saw only what came before it passivated");
        var second = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Incarnation;
        second.Should().NotBe(first);
        var seen = Enumerable.Range(0, 200).Select(_ => reports.ExpectMsg<Counter.Seen>(TimeSpan.FromSeconds(10))).ToList();
        seen.Should().OnlyContain(s => s.Incarnation == second);
        seen.Select(s => s.Amount).Should().Equal(Enumerable.Range(1, 200), "every held message arrives once, in order");
    }

    [Fact]
    public void An_entity_that_asks_its_shard_to_start_it_again_as_it_passivates_gets_a_new_incarnation_and_no_answer()
    {
        JoinSelf();
        var deadLetters = CreateTestProbe("dead-letters");
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        region.Tell(To("r", new Counter.Add(1)));
        var first = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Incarnation;
        reports.ExpectMsg<Counter.Seen>(TimeSpan.FromSeconds(10));

        region.Tell(To("r", Counter.PassivateAndHold.Instance));
        reports.ExpectMsg<Counter.StopHeld>(TimeSpan.FromSeconds(10));
        reports.LastSender.Tell(Counter.ReleaseAndRestart.Instance);

        reports.ExpectMsg<Counter.Stopped>(TimeSpan.FromSeconds(10)).Incarnation.Should().Be(first);
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Incarnation.Should().NotBe(first, "no message waited for it, yet it runs again");
        region.Tell(GetShardRegionState.Instance, TestActor);
        ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10)).Shards.SelectMany(s => s.EntityIds).Should().Equal("r");
        deadLetters.ReceiveWhile(message => message as DeadLetter, idle: TimeSpan.FromMilliseconds(300))
            .Should().NotContain(letter => letter.Message is StartEntityAck, "a start asked for with no sender gets no answer");
    }

    [Fact]
    public void A_passivated_entity_without_waiting_messages_stays_stopped_until_the_next_message()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        region.Tell(To("q", new Counter.Add(1)));
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));

        region.Tell(To("q", Counter.PassivateMe.Instance));

        reports.FishForMessage<Counter.Stopped>(_ => true, TimeSpan.FromSeconds(5)).Total.Should().Be(1);
        region.Tell(GetShardRegionState.Instance, TestActor);
        ExpectMsg<CurrentShardRegionState>().Shards.SelectMany(s => s.EntityIds).Should().BeEmpty();
        region.Tell(To("q", Counter.Get.Instance), TestActor);
        ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(5)).Value.Should().Be(0, "a new incarnation starts from scratch");
    }
}

public sealed class IdlePassivationSpec(ITestOutputHelper output)
    : ShardingSpecBase(output, "scheduler.cluster.sharding.passivate-idle-entity-after = 300ms")
{
    [Fact]
    public void An_entity_that_receives_nothing_for_the_idle_timeout_is_passivated_with_the_stop_message()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, handOffStopMessage: Counter.Stop.Instance);
        region.Tell(To("idle", new Counter.Add(4)));
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10));

        reports.FishForMessage<Counter.Stopped>(_ => true, TimeSpan.FromSeconds(5)).Should().Match<Counter.Stopped>(s => s.Id == "idle" && s.Total == 4);
    }
}
