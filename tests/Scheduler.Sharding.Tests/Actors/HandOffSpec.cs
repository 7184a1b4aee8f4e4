using Scheduler.Actors;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

public sealed class HandOffSpec(ITestOutputHelper output) : ShardingSpecBase(output)
{
    [Fact]
    public async Task On_leaving_every_entity_finishes_its_mailbox_before_the_hand_off_stop_message_stops_it()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");
        var region = StartCounters(reports.Ref, handOffStopMessage: Counter.Stop.Instance);
        var ids = Enumerable.Range(0, 20).Select(i => $"e{i}").ToList();
        foreach (var id in ids)
        {
            region.Tell(To(id, Counter.Get.Instance), TestActor);
            ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10));
        }

        foreach (var id in ids)
        {
            for (var i = 0; i < 50; i++)
            {
                region.Tell(To(id, new Counter.Add(1)));
            }
        }

        Watch(region);
        _ = Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);

        // Each entity stopped only after all 50 additions queued before the hand-off (Akka.NET issue 7090).
        var stopped = new Dictionary<string, int>();
        while (stopped.Count < ids.Count)
        {
            if (reports.ExpectMsg<object>(TimeSpan.FromSeconds(10)) is Counter.Stopped s)
            {
                stopped[s.Id] = s.Total;
            }
        }

        stopped.Values.Should().OnlyContain(total => total == 50);
        ExpectTerminated(region, TimeSpan.FromSeconds(10));
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_entity_that_ignores_the_hand_off_stop_message_is_stopped_by_its_shard_and_the_leave_goes_on()
    {
        JoinSelf();
        var reports = CreateTestProbe("reports");

        // HeldStop makes a counter wait for a release that never comes: a hand-off that waited for it would hang.
        var region = StartCounters(reports.Ref, handOffStopMessage: Counter.HeldStop.Instance);
        foreach (var id in new[] { "a", "b", "c" })
        {
            region.Tell(To(id, Counter.Get.Instance), TestActor);
            ExpectMsg<Counter.Total>(TimeSpan.FromSeconds(10));
        }

        Watch(region);
        _ = Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);

        var held = new HashSet<string>(StringComparer.Ordinal);
        var stopped = new HashSet<string>(StringComparer.Ordinal);
        while (stopped.Count < 3)
        {
            switch (reports.ExpectMsg<object>(TimeSpan.FromSeconds(10)))
            {
                case Counter.StopHeld h:
                    held.Add(h.Id);
                    break;
                case Counter.Stopped s:
                    held.Should().Contain(s.Id, "each entity got the hand-off stop message before the shard gave up on it");
                    stopped.Add(s.Id);
                    break;
            }
        }

        ExpectTerminated(region, TimeSpan.FromSeconds(10));
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
