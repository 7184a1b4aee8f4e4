using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules.Cron;

namespace Scheduler.Engine.Schedules;

/// <summary>Checks a schedule and names every broken field at once; a schedule with no error can be planned.</summary>
public static class ScheduleSpecValidator
{
    /// <summary>Room left in a task id for the occurrence suffix (<c>@yyyyMMddTHHmmssZ</c>).</summary>
    public const int MaxIdLength = 180;

    /// <summary>Every error of <paramref name="spec"/>, each naming its field; none when it is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(ScheduleSpec spec, TaskLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (!TaskIds.IsValidName(spec.Id, MaxIdLength))
        {
            Fail("id", $"must be 1 to {MaxIdLength} letters, digits or . _ - : (not '{spec.Id}')");
        }

        var trigger = spec.Trigger ?? new ScheduleTrigger();
        switch (trigger)
        {
            case { Every: null, Cron: null }:
                Fail("trigger", "needs 'every' or 'cron'");
                break;
            case { Every: not null, Cron: not null }:
                Fail("trigger", "takes 'every' or 'cron', not both");
                break;
            case { Every: { } every } when every < TimeSpan.FromSeconds(1):
                Fail("trigger.every", $"must be at least one second (not {every})");
                break;
            case { Cron: { } cron } when !CronExpression.TryParse(cron, out _, out var error):
                Fail("trigger.cron", error!);
                break;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trigger.TimeZone ?? string.Empty, out _))
        {
            Fail("trigger.timeZone", $"'{trigger.TimeZone}' is not a known time zone");
        }

        if (spec.Jitter < TimeSpan.Zero || (trigger.Every is { } interval && spec.Jitter >= interval))
        {
            Fail("jitter", "must be zero or more, and shorter than the interval");
        }

        if (spec.StartAt is { } start && spec.EndAt is { } end && end <= start)
        {
            Fail("endAt", "must be after startAt");
        }

        if (spec.MaxCatchUp is < 1 or > 1000)
        {
            Fail("maxCatchUp", $"must be between 1 and 1000 (not {spec.MaxCatchUp})");
        }

        if (spec.MisfireThreshold < TimeSpan.Zero)
        {
            Fail("misfireThreshold", "must not be negative");
        }

        if (!Enum.IsDefined(spec.Misfire))
        {
            Fail("misfire", "must be skip, fireOnce or catchUp");
        }

        if (!Enum.IsDefined(spec.Overlap))
        {
            Fail("overlap", "must be skip, allow, bufferOne or cancelPrevious");
        }

        var task = spec.Task ?? new TaskSpec();
        if (task.Id is { Length: > 0 } || task.RunAt is not null || task.Delay is not null || task.IdempotencyKey is not null || task.Occurrence is not null)
        {
            Fail("task", "id, runAt, delay, idempotencyKey and occurrence are set by the schedule for each occurrence");
        }

        // The template is checked as the task of an occurrence would be.
        var sample = task with { Id = TaskIds.ForOccurrence(TaskIds.IsValidName(spec.Id, MaxIdLength) ? spec.Id : "schedule", now), RunAt = null, Delay = null, IdempotencyKey = null };
        errors.AddRange(TaskSpecValidator.Validate(sample, limits, now).Select(e => e with { Field = "task." + e.Field }));
        return errors;
    }
}
