using Scheduler.Actors;
using Scheduler.Sharding.Extraction;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

/// <summary>
/// With remember-entities, a shard that stopped on a failure (not handed off) starts again by itself, and its
/// entities come back without a message; with the constant-rate strategy they come back a few at a time.
/// </summary>
public sealed class RememberedRestartSpec(ITestOutputHelper output) : ShardingSpecBase(output, """
    scheduler.cluster.sharding {
      remember-entities = on
      shard-failure-backoff = 300ms
      entity-recovery-strategy = constant
      entity-recovery-constant-rate-strategy {
        number-of-entities = 2
        frequency = 300ms
      }
    }
    """)
{
    [Fact]
    public void A_remembered_shard_that_failed_starts_again_with_its_entities_a_few_at_a_time_without_a_message()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        var shard = Extractor.ShardId("e0");
        var ids = Enumerable.Range(0, 200).Select(i => $"e{i}").Where(id => Extractor.ShardId(id) == shard).Take(6).ToList();
        ids.Should().HaveCount(6);
        foreach (var id in ids)
        {
            region.Tell(new StartEntity(id), TestActor);
            ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
            reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(5)).Id.Should().Be(id);
        }

        var shardActor = ShardOf(region, ids[0]);
        Watch(shardActor);
        Sys.Stop(shardActor);
        ExpectTerminated(shardActor, TimeSpan.FromSeconds(5));
        var stopped = reports.ReceiveWhile(message => message as Counter.Stopped, TimeSpan.FromSeconds(5), max: ids.Count);
        stopped.Select(s => s.Id).Should().BeEquivalentTo(ids);

        // Nobody sends them anything: the region starts the shard again after the backoff, and the shard starts
        // its remembered entities two per 300 ms tick: three ticks for six. The times are the entities' own (a spec
        // thread that reads late would shrink the span), and the bound is one tick, not two, so that a tick the
        // machine delays until just before the next still counts.
        var started = Enumerable.Range(0, ids.Count).Select(_ => reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10))).ToList();
        started.Select(s => s.Id).Should().BeEquivalentTo(ids);
        var times = started.Select(s => s.At).Order().ToList();
        TimeProvider.System.GetElapsedTime(times[0], times[^1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        ShardOf(region, ids[0]).Should().NotBe(shardActor);
    }

    [Fact]
    public void An_entity_that_asks_to_be_started_again_as_it_passivates_stays_remembered()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref);
        region.Tell(new StartEntity("again"), TestActor);
        ExpectMsg<StartEntityAck>(TimeSpan.FromSeconds(10));
        var first = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(5)).Incarnation;

        region.Tell(new ShardingEnvelope("again", Counter.PassivateAndHold.Instance));
        reports.ExpectMsg<Counter.StopHeld>(TimeSpan.FromSeconds(10));
        reports.LastSender.Tell(Counter.ReleaseAndRestart.Instance);
        reports.ExpectMsg<Counter.Stopped>(TimeSpan.FromSeconds(10)).Incarnation.Should().Be(first);
        var second = reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Incarnation;
        second.Should().NotBe(first);

        // Had its shard stored it as passivated, a shard starting again after a failure would leave it stopped.
        var shardActor = ShardOf(region, "again");
        Watch(shardActor);
        Sys.Stop(shardActor);
        ExpectTerminated(shardActor, TimeSpan.FromSeconds(5));
        reports.ExpectMsg<Counter.Stopped>(TimeSpan.FromSeconds(5)).Incarnation.Should().Be(second);
        reports.ExpectMsg<Counter.Started>(TimeSpan.FromSeconds(10)).Id.Should().Be("again");
    }

    /// <summary>The shard actor that runs <paramref name="entityId"/>: its entity's parent.</summary>
    private IActorRef ShardOf(IActorRef region, string entityId)
    {
        region.Tell(new GetEntityLocation(entityId, TimeSpan.FromSeconds(5)), TestActor);
        var location = ExpectMsg<EntityLocation>(TimeSpan.FromSeconds(10));
        location.Entity.Should().NotBeNull();
        return Sys.ResolveActorRef(location.Entity!.Path.Parent);
    }
}
