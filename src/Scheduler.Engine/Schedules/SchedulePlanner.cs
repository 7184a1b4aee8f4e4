using System.Collections.Immutable;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// The decisions of a schedule, pure: which occurrences fire when it wakes, which are skipped as missed or as
/// overlapping, and what fires when an occurrence's task finishes. The schedule entity persists what a plan says
/// and carries it out; replaying the same inputs gives the same plan.
/// </summary>
internal static class SchedulePlanner
{
    /// <summary>Walking more occurrences than this since the last one means the schedule was away long: it jumps ahead.</summary>
    private const int MaxWalk = 10_000;

    /// <summary>The schedule woke at <paramref name="now"/>: deal with every occurrence due by then.</summary>
    public static SchedulePlan Wake(ScheduleSpec spec, ScheduleClock clock, ScheduleProgress progress, DateTimeOffset start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(progress);
        var (due, missedUncounted) = Due(spec, clock, DealtWithUntil(progress.Through, start), now);
        var late = due.Where(o => now - o > spec.MisfireThreshold).ToList();
        var onTime = due.Skip(late.Count).ToList();
        var fire = late.Count == 0 ? onTime : spec.Misfire switch
        {
            MisfirePolicy.Skip => onTime,
            MisfirePolicy.FireOnce => onTime.Count > 0 ? onTime : [late[^1]],
            _ => [.. late.TakeLast(spec.MaxCatchUp), .. onTime],
        };
        var missed = missedUncounted + late.Count - (fire.Count - onTime.Count);

        var active = progress.Active;
        var waiting = progress.Waiting;
        DateTimeOffset? cancel = null;
        var fired = new List<DateTimeOffset>();
        var overlapSkipped = new List<DateTimeOffset>();
        foreach (var occurrence in fire)
        {
            if (active.IsEmpty || spec.Overlap == OverlapPolicy.Allow)
            {
                fired.Add(occurrence);
                active = active.Add(occurrence);
                continue;
            }

            switch (spec.Overlap)
            {
                case OverlapPolicy.Skip:
                    overlapSkipped.Add(occurrence);
                    break;
                case OverlapPolicy.BufferOne when waiting is null:
                    waiting = occurrence;
                    break;
                case OverlapPolicy.BufferOne:
                    overlapSkipped.Add(occurrence);
                    break;
                default:
                    // Cancel previous: the newest occurrence waits for the running one, which is asked to stop.
                    if (waiting is { } replaced)
                    {
                        overlapSkipped.Add(replaced);
                    }

                    waiting = occurrence;
                    cancel = active.Max;
                    break;
            }
        }

        var last = due.Count > 0 ? due[^1] : progress.Through;
        var wakeAt = NextWake(spec, clock, last, start);
        return new SchedulePlan(fired, cancel, missed, overlapSkipped, new ScheduleProgress(last, active, waiting), wakeAt, wakeAt is null && waiting is null && active.IsEmpty);
    }

    /// <summary>The task of <paramref name="occurrence"/> finished: the waiting occurrence may fire now.</summary>
    public static SchedulePlan Finished(ScheduleSpec spec, ScheduleClock clock, ScheduleProgress progress, DateTimeOffset occurrence, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(progress);
        var active = progress.Active.Remove(occurrence);
        var fire = new List<DateTimeOffset>();
        var waiting = progress.Waiting;
        if (active.IsEmpty && waiting is { } next)
        {
            fire.Add(next);
            active = active.Add(next);
            waiting = null;
        }

        var wakeAt = NextWake(spec, clock, progress.Through, start);
        return new SchedulePlan(fire, null, 0, [], progress with { Active = active, Waiting = waiting }, wakeAt, wakeAt is null && active.IsEmpty && waiting is null);
    }

    /// <summary>
    /// Occurrences up to <paramref name="now"/> are passed over: neither fired nor counted as missed. A resume does
    /// this (a paused schedule does not make up for its pause), and so does a schedule created with a start in the past.
    /// </summary>
    public static SchedulePlan PassOver(ScheduleSpec spec, ScheduleClock clock, ScheduleProgress progress, DateTimeOffset start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var through = progress.Through is { } dealt && dealt > now ? dealt : now;
        return Wake(spec, clock, progress with { Through = through }, start, now);
    }

    /// <summary>The (jittered) time of the first occurrence after <paramref name="last"/>; null when none comes before the end.</summary>
    private static DateTimeOffset? NextWake(ScheduleSpec spec, ScheduleClock clock, DateTimeOffset? last, DateTimeOffset start) =>
        clock.Next(DealtWithUntil(last, start)) is { } next && !(next > spec.EndAt) ? next + JitterOf(spec, next) : null;

    // Before the first occurrence, everything up to just before the start counts as dealt with.
    private static DateTimeOffset DealtWithUntil(DateTimeOffset? last, DateTimeOffset start) => last ?? start - TimeSpan.FromTicks(1);

    /// <summary>
    /// How much later than its time <paramref name="occurrence"/> fires: a fraction of the jitter fixed by the
    /// schedule and the occurrence, so every node (and every replay) agrees on it.
    /// </summary>
    public static TimeSpan JitterOf(ScheduleSpec spec, DateTimeOffset occurrence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = 2166136261u;
        foreach (var c in spec.Id + "@" + occurrence.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return TimeSpan.FromTicks((long)(spec.Jitter.Ticks * (hash / (double)uint.MaxValue)));
    }

    /// <summary>
    /// The occurrences after <paramref name="after"/> whose (jittered) time has come by <paramref name="now"/>, within
    /// the schedule's start and end, oldest first. After a long absence it walks only the stretch that can still fire
    /// and counts the rest as missed.
    /// </summary>
    private static (List<DateTimeOffset> Due, long MissedUncounted) Due(ScheduleSpec spec, ScheduleClock clock, DateTimeOffset after, DateTimeOffset now)
    {
        var cursor = after;
        long uncounted = 0;
        if (clock.Next(cursor) is { } first && clock.Next(first) is { } second && second > first)
        {
            var period = second - first;
            var behind = (now - first).Ticks / period.Ticks;
            var keep = spec.MaxCatchUp + 2 + (spec.MisfireThreshold.Ticks / period.Ticks);
            if (behind > MaxWalk && behind > keep)
            {
                // The occurrences from the first to the cursor are skipped unwalked (counted by the period, which is
                // exact for an interval and an estimate for an irregular cron expression).
                cursor = now - TimeSpan.FromTicks(period.Ticks * keep);
                uncounted = ((cursor - first).Ticks / period.Ticks) + 1;
            }
        }

        var due = new List<DateTimeOffset>();
        while (clock.Next(cursor) is { } occurrence && occurrence <= now && (spec.EndAt is null || occurrence <= spec.EndAt))
        {
            if (occurrence + JitterOf(spec, occurrence) > now)
            {
                break;
            }

            due.Add(occurrence);
            cursor = occurrence;
        }

        return (due, uncounted);
    }
}
