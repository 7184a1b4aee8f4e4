namespace Scheduler.Engine.Schedules;

/// <summary>
/// What a schedule does now: the occurrences whose tasks to create (in order), the running occurrence to cancel,
/// what it skipped and why, its progress afterwards, and when it next needs waking (null: it has ended, or waits
/// only for a running task to finish).
/// </summary>
internal sealed record SchedulePlan(
    IReadOnlyList<DateTimeOffset> Fire,
    DateTimeOffset? Cancel,
    long MissedSkipped,
    IReadOnlyList<DateTimeOffset> OverlapSkipped,
    ScheduleProgress Progress,
    DateTimeOffset? WakeAt,
    bool Ended);
