namespace Scheduler.Engine.Schedules;

/// <summary>
/// When a schedule's occurrences come: every <see cref="Every"/> from the schedule's start, or at the times a cron
/// expression (<see cref="Cron"/>, five fields or six with seconds) names in <see cref="TimeZone"/>. Exactly one of
/// the two is set.
/// </summary>
public sealed record ScheduleTrigger
{
    /// <summary>A fixed interval, counted from the schedule's start (at least one second).</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>A cron expression.</summary>
    public string? Cron { get; init; }

    /// <summary>The IANA (or Windows) time zone the cron expression is read in; UTC by default.</summary>
    public string TimeZone { get; init; } = "UTC";
}
