using Scheduler.Engine.Schedules.Cron;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// The occurrences of a trigger as a sequence: <see cref="Next"/> gives the first one strictly after a time. Built
/// from a checked trigger (see <see cref="ScheduleSpecValidator"/>).
/// </summary>
internal sealed class ScheduleClock
{
    private readonly TimeSpan? _every;
    private readonly DateTimeOffset _anchor;
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;

    private ScheduleClock(TimeSpan? every, DateTimeOffset anchor, CronExpression? cron, TimeZoneInfo zone)
    {
        _every = every;
        _anchor = anchor;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The clock of <paramref name="trigger"/>; an interval counts from <paramref name="anchor"/>.</summary>
    public static ScheduleClock Of(ScheduleTrigger trigger, DateTimeOffset anchor)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(trigger.TimeZone);
        return trigger.Every is { } every
            ? new ScheduleClock(every, anchor, null, zone)
            : new ScheduleClock(null, anchor, CronExpression.Parse(trigger.Cron ?? throw new ArgumentException("The trigger has neither an interval nor a cron expression.", nameof(trigger))), zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_cron is not null)
        {
            return _cron.Next(after, _zone);
        }

        var every = _every!.Value;
        if (after < _anchor)
        {
            return _anchor;
        }

        var steps = ((after - _anchor).Ticks / every.Ticks) + 1;
        return _anchor + TimeSpan.FromTicks(steps * every.Ticks);
    }
}
