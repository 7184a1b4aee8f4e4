using Scheduler.Actors;
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

        region.Tell(To("p", Counter.PassivateMe.Instance));
        for (var i = 1; i <= 200; i++)
        {
            region.Tell(To("p", new Counter.Add(i)));
        }

        // Every number arrives exactly once, in order, split between the two incarnations.
        var seen = new List<Counter.Seen>();
        var incarnations = new HashSet<long> { first };
        while (seen.Count < 201)
        {
            switch (reports.ExpectMsg<object>(TimeSpan.FromSeconds(10)))
            {
                case Counter.Seen s:
                    seen.Add(s);
                    break;
                case Counter.Started started:
                    incarnations.Add(started.Incarnation);
                    break;
            }
        }

        seen.Select(s => s.Amount).Should().Equal(Enumerable.Range(0, 201));
        incarnations.Should().HaveCount(2, "the entity passivated and started again for the messages held meanwhile");
        seen.Select(s => s.Incarnation).Should().BeInAscendingOrder("the old incarnation saw only what came before it passivated");
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
