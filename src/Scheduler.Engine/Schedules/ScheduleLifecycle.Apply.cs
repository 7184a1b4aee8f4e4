namespace Scheduler.Engine.Schedules;

internal static partial class ScheduleLifecycle
{
    /// <summary>The state after <paramref name="change"/>; recovery folds every stored event through this.</summary>
    public static ScheduleRecord Apply(ScheduleRecord? schedule, ScheduleEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change is ScheduleEvent.Created created)
        {
            // A schedule created again after a delete starts afresh: nothing of the old one carries over.
            return new ScheduleRecord
            {
                Spec = created.Spec,
                Start = created.Start,
                Status = ScheduleStatus.Active,
                CreatedAt = created.At,
                UpdatedAt = created.At,
            };
        }

        if (schedule is null)
        {
            throw new InvalidOperationException("A schedule's first event must be Created, not " + change.GetType().Name + ".");
        }

        schedule = schedule with { UpdatedAt = change.At };
        return change switch
        {
            ScheduleEvent.Planned planned => Planned(schedule, planned.Plan),
            ScheduleEvent.OccurrenceCreated confirmed => schedule with { Unconfirmed = schedule.Unconfirmed.Remove(confirmed.Occurrence) },
            ScheduleEvent.OccurrenceEnded ended => schedule with { Unconfirmed = schedule.Unconfirmed.Remove(ended.Occurrence) },
            ScheduleEvent.Paused => schedule with
            {
                Status = ScheduleStatus.Paused,

                // The occurrence that waited for a running one would fire when that one ends, pause or not: it is dropped.
                Progress = schedule.Progress with { Waiting = null },
                OverlapSkipped = schedule.OverlapSkipped + (schedule.Progress.Waiting is null ? 0 : 1),
            },
            ScheduleEvent.Resumed => schedule with { Status = ScheduleStatus.Active },
            ScheduleEvent.Deleted => schedule with { Status = ScheduleStatus.Deleted },
            _ => throw new InvalidOperationException("Unknown schedule event " + change.GetType().Name + "."),
        };
    }

    private static ScheduleRecord Planned(ScheduleRecord schedule, SchedulePlan plan) => schedule with
    {
        Progress = plan.Progress,
        Unconfirmed = schedule.Unconfirmed.Union(plan.Fire),
        WakeAt = plan.WakeAt,
        LastFired = plan.Fire.Count > 0 ? plan.Fire[^1] : schedule.LastFired,
        Fired = schedule.Fired + plan.Fire.Count,
        MissedSkipped = schedule.MissedSkipped + plan.MissedSkipped,
        OverlapSkipped = schedule.OverlapSkipped + plan.OverlapSkipped.Count,
        Status = plan.Ended && schedule.Status is ScheduleStatus.Active ? ScheduleStatus.Ended : schedule.Status,
    };
}
