namespace Scheduler.Engine.Model;

/// <summary>
/// Marks a task as one occurrence of a schedule: the task tells its schedule when it finishes, so the schedule's
/// overlap policy knows which occurrences are still running. Only schedules set it; a client's submit may not.
/// </summary>
/// <param name="ScheduleId">The schedule that fired the task.</param>
/// <param name="At">The occurrence's time (before jitter); with the schedule id it makes the task's id.</param>
public sealed record ScheduleOccurrence(string ScheduleId, DateTimeOffset At);
