using System.Collections.Immutable;
using Scheduler.Engine.Schedules;

namespace Scheduler.Engine.Tests.Schedules;

public sealed class SchedulePlannerSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Min(double minutes) => T0.AddMinutes(minutes);

    private static ScheduleSpec EveryMinute(MisfirePolicy misfire = MisfirePolicy.FireOnce, OverlapPolicy overlap = OverlapPolicy.Allow, int maxCatchUp = 10) => new()
    {
        Id = "s",
        Trigger = new ScheduleTrigger { Every = TimeSpan.FromMinutes(1) },
        Misfire = misfire,
        Overlap = overlap,
        MaxCatchUp = maxCatchUp,
    };

    private static SchedulePlan Wake(ScheduleSpec spec, ScheduleProgress progress, DateTimeOffset now) =>
        SchedulePlanner.Wake(spec, ScheduleClock.Of(spec.Trigger, T0), progress, T0, now);

    [Fact]
    public void An_interval_schedule_fires_each_occurrence_from_its_start_and_wakes_for_the_next()
    {
        var spec = EveryMinute();
        var first = Wake(spec, ScheduleProgress.Initial, T0);
        first.Fire.Should().Equal(T0);
        first.WakeAt.Should().Be(Min(1));

        var early = Wake(spec, first.Progress with { Active = [] }, Min(0.5));
        early.Fire.Should().BeEmpty("nothing is due between occurrences");
        early.WakeAt.Should().Be(Min(1));

        var second = Wake(spec, early.Progress, Min(1));
        second.Fire.Should().Equal(Min(1));
        second.Progress.Through.Should().Be(Min(1));
    }

    [Theory]
    // Away ten minutes and five seconds: the last occurrence is within the one-minute threshold, nine were missed.
    [InlineData(MisfirePolicy.Skip, 10.08, new[] { 10.0 }, 9)]
    [InlineData(MisfirePolicy.FireOnce, 10.08, new[] { 10.0 }, 9)]
    [InlineData(MisfirePolicy.CatchUp, 10.08, new[] { 7.0, 8.0, 9.0, 10.0 }, 6)]
    // Away ten and a half minutes: every one of the ten is missed.
    [InlineData(MisfirePolicy.Skip, 11.5, new[] { 11.0 }, 10)]
    [InlineData(MisfirePolicy.Skip, 11.02, new[] { 11.0 }, 10)]
    [InlineData(MisfirePolicy.FireOnce, 10.5 + 1.2, new[] { 11.0 }, 10)]
    [InlineData(MisfirePolicy.CatchUp, 10.5 + 1.2, new[] { 8.0, 9.0, 10.0, 11.0 }, 7)]
    public void Missed_occurrences_follow_the_misfire_policy(MisfirePolicy misfire, double nowMinutes, double[] fired, long missed)
    {
        var spec = EveryMinute(misfire, maxCatchUp: 3);
        var plan = Wake(spec, new ScheduleProgress(T0, [], null), Min(nowMinutes));

        plan.Fire.Should().Equal(fired.Select(Min));
        plan.MissedSkipped.Should().Be(missed);
        plan.Progress.Through.Should().Be(Min(Math.Floor(nowMinutes)), "every due occurrence is dealt with, fired or skipped");
    }

    [Fact]
    public void When_everything_is_missed_skip_fires_nothing_and_fire_once_fires_the_latest()
    {
        var progress = new ScheduleProgress(T0, [], null);
        var now = Min(5.5);
        var threshold = TimeSpan.FromSeconds(10);

        Wake(EveryMinute(MisfirePolicy.Skip) with { MisfireThreshold = threshold }, progress, now).Fire.Should().BeEmpty();
        Wake(EveryMinute(MisfirePolicy.FireOnce) with { MisfireThreshold = threshold }, progress, now).Fire.Should().Equal(Min(5));
        Wake(EveryMinute(MisfirePolicy.CatchUp, maxCatchUp: 2) with { MisfireThreshold = threshold }, progress, now).Fire.Should().Equal(Min(4), Min(5));
    }

    [Theory]
    [InlineData(OverlapPolicy.Allow, true, false, false)]
    [InlineData(OverlapPolicy.Skip, false, false, false)]
    [InlineData(OverlapPolicy.BufferOne, false, true, false)]
    [InlineData(OverlapPolicy.CancelPrevious, false, true, true)]
    public void An_occurrence_that_comes_while_the_previous_runs_follows_the_overlap_policy(OverlapPolicy overlap, bool fires, bool waits, bool cancels)
    {
        var spec = EveryMinute(overlap: overlap);
        var running = new ScheduleProgress(T0, ImmutableSortedSet.Create(T0), null);

        var plan = Wake(spec, running, Min(1));

        plan.Fire.Should().HaveCount(fires ? 1 : 0);
        plan.Progress.Waiting.Should().Be(waits ? Min(1) : null);
        plan.Cancel.Should().Be(cancels ? T0 : null);
        plan.OverlapSkipped.Should().HaveCount(fires || waits ? 0 : 1);
    }

    [Fact]
    public void Buffer_one_keeps_the_first_waiting_occurrence_and_cancel_previous_the_newest()
    {
        var running = new ScheduleProgress(Min(1), ImmutableSortedSet.Create(T0), Min(1));

        var buffered = Wake(EveryMinute(overlap: OverlapPolicy.BufferOne), running, Min(2));
        buffered.Progress.Waiting.Should().Be(Min(1));
        buffered.OverlapSkipped.Should().Equal(Min(2));

        var cancelling = Wake(EveryMinute(overlap: OverlapPolicy.CancelPrevious), running, Min(2));
        cancelling.Progress.Waiting.Should().Be(Min(2));
        cancelling.OverlapSkipped.Should().Equal(Min(1));
    }

    [Fact]
    public void When_the_running_occurrence_finishes_the_waiting_one_fires()
    {
        var spec = EveryMinute(overlap: OverlapPolicy.BufferOne);
        var progress = new ScheduleProgress(Min(1), ImmutableSortedSet.Create(T0), Min(1));

        var plan = SchedulePlanner.Finished(spec, ScheduleClock.Of(spec.Trigger, T0), progress, T0, T0);

        plan.Fire.Should().Equal(Min(1));
        plan.Progress.Active.Should().Equal(Min(1));
        plan.Progress.Waiting.Should().BeNull();
        plan.WakeAt.Should().Be(Min(2));
    }

    [Fact]
    public void A_schedule_ends_after_its_last_occurrence_once_its_tasks_have_finished()
    {
        var spec = EveryMinute() with { EndAt = Min(2) };
        var plan = Wake(spec, new ScheduleProgress(Min(1), [], null), Min(2));
        plan.Fire.Should().Equal(Min(2));
        plan.WakeAt.Should().BeNull();
        plan.Ended.Should().BeFalse("its last task still runs");

        var done = SchedulePlanner.Finished(spec, ScheduleClock.Of(spec.Trigger, T0), plan.Progress, Min(2), T0);
        done.Ended.Should().BeTrue();
    }

    [Fact]
    public void A_cron_schedule_fires_at_the_expressions_times_in_its_zone()
    {
        var spec = new ScheduleSpec { Id = "nightly", Trigger = new ScheduleTrigger { Cron = "30 2 * * *", TimeZone = "Europe/Berlin" } };
        var clock = ScheduleClock.Of(spec.Trigger, T0);

        var plan = SchedulePlanner.Wake(spec, clock, ScheduleProgress.Initial, T0, T0);

        plan.Fire.Should().BeEmpty();
        plan.WakeAt.Should().Be(new DateTimeOffset(2026, 11, 22, 1, 30, 0, TimeSpan.Zero), "02:30 in Berlin in winter is 01:30 UTC");
    }

    [Fact]
    public void A_schedule_away_for_a_month_walks_only_what_can_still_fire()
    {
        var spec = new ScheduleSpec { Id = "s", Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(1) }, Misfire = MisfirePolicy.CatchUp, MaxCatchUp = 5, MisfireThreshold = TimeSpan.Zero, Overlap = OverlapPolicy.Allow };
        var now = T0.AddDays(30);

        var plan = SchedulePlanner.Wake(spec, ScheduleClock.Of(spec.Trigger, T0), new ScheduleProgress(T0, [], null), T0, now);

        plan.Fire.Should().Equal(Enumerable.Range(0, 6).Select(i => now.AddSeconds(i - 5)), "the five latest missed and the one on time");
        plan.MissedSkipped.Should().Be((long)TimeSpan.FromDays(30).TotalSeconds - 6, "every occurrence since is fired or counted as missed");
    }

    [Fact]
    public void Jitter_is_fixed_per_occurrence_and_within_bounds()
    {
        var spec = EveryMinute() with { Jitter = TimeSpan.FromSeconds(20) };
        var jitters = Enumerable.Range(0, 200).Select(i => SchedulePlanner.JitterOf(spec, Min(i))).ToList();

        jitters.Should().OnlyContain(j => j >= TimeSpan.Zero && j < TimeSpan.FromSeconds(20));
        jitters.Distinct().Should().HaveCountGreaterThan(100, "occurrences are spread");
        SchedulePlanner.JitterOf(spec, Min(7)).Should().Be(jitters[7], "every node and replay agrees");
        Wake(spec, new ScheduleProgress(T0, [], null), Min(1)).Fire.Should().BeEmpty("the occurrence waits for its jitter");
    }

    [Fact]
    public void Over_random_wakes_every_occurrence_is_fired_or_skipped_exactly_once()
    {
        var random = new Random(6);
        for (var run = 0; run < 300; run++)
        {
            var spec = EveryMinute((MisfirePolicy)random.Next(3), OverlapPolicy.Allow, maxCatchUp: random.Next(1, 5)) with { MisfireThreshold = TimeSpan.FromSeconds(random.Next(0, 200)) };
            var clock = ScheduleClock.Of(spec.Trigger, T0);
            var progress = ScheduleProgress.Initial;
            var fired = new List<DateTimeOffset>();
            long skipped = 0;
            var now = T0;
            for (var step = 0; step < 20; step++)
            {
                now = now.AddSeconds(random.Next(0, 400));
                var plan = SchedulePlanner.Wake(spec, clock, progress, T0, now);
                fired.AddRange(plan.Fire);
                skipped += plan.MissedSkipped;
                progress = plan.Progress with { Active = [] };
            }

            fired.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
            var occurrences = (long)Math.Floor((now - T0).TotalMinutes) + 1;
            (fired.Count + skipped).Should().Be(occurrences, $"run {run}: each occurrence up to now is dealt with once");
        }
    }
}
