using Scheduler.Engine.Model;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// A recurring schedule: each occurrence of <see cref="Trigger"/> between <see cref="StartAt"/> and
/// <see cref="EndAt"/> creates one task from the <see cref="Task"/> template, with an id made from the schedule's id
/// and the occurrence's time, so firing an occurrence twice creates one task.
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>The schedule's id; its occurrences' tasks are named <c>id@yyyyMMddTHHmmssZ</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>When occurrences come.</summary>
    public ScheduleTrigger Trigger { get; init; } = new();

    /// <summary>What each occurrence runs; its id, run-at, delay and idempotency key stay empty (the schedule sets the id).</summary>
    public TaskSpec Task { get; init; } = new();

    /// <summary>Each occurrence fires up to this much later, by an amount fixed per occurrence (it spreads load, not order).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>No occurrence before this; by default the time the schedule was created.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No occurrence after this; the schedule then ends.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>What happens to occurrences missed by more than <see cref="MisfireThreshold"/>.</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.FireOnce;

    /// <summary>With <see cref="MisfirePolicy.CatchUp"/>: how many missed occurrences fire at most.</summary>
    public int MaxCatchUp { get; init; } = 10;

    /// <summary>An occurrence fired later than this after its time counts as missed.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>What happens when an occurrence comes while an earlier one's task has not finished.</summary>
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;
}
