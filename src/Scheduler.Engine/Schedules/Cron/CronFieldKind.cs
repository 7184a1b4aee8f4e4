namespace Scheduler.Engine.Schedules.Cron;

/// <summary>The six fields of a cron expression, in their order (seconds only in the six-field form).</summary>
internal enum CronFieldKind
{
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}
