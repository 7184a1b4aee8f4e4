using System.Collections.Immutable;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// The state of one schedule entity, built only by <see cref="ScheduleLifecycle.Apply"/> from its events (so
/// recovery rebuilds exactly what was acknowledged).
/// </summary>
internal sealed record ScheduleRecord
{
    /// <summary>The schedule as created.</summary>
    public required ScheduleSpec Spec { get; init; }

    /// <summary>When occurrences start: the spec's start, or the creation time.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Where the schedule is.</summary>
    public required ScheduleStatus Status { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its last event happened.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What the planner last said about occurrences dealt with, running and waiting.</summary>
    public ScheduleProgress Progress { get; init; } = ScheduleProgress.Initial;

    /// <summary>Fired occurrences whose task the task entity has not yet confirmed; they are submitted until it does.</summary>
    public ImmutableSortedSet<DateTimeOffset> Unconfirmed { get; init; } = [];

    /// <summary>When the schedule next needs waking.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>The latest occurrence fired.</summary>
    public DateTimeOffset? LastFired { get; init; }

    /// <summary>Occurrences fired.</summary>
    public long Fired { get; init; }

    /// <summary>Occurrences skipped as missed.</summary>
    public long MissedSkipped { get; init; }

    /// <summary>Occurrences skipped as overlapping.</summary>
    public long OverlapSkipped { get; init; }

    /// <summary>The schedule id.</summary>
    public string Id => Spec.Id;

    /// <summary>True when the running occurrences are to be cancelled: a newer one waits for them under cancel-previous.</summary>
    public bool CancelsRunning =>
        Spec.Overlap == OverlapPolicy.CancelPrevious && Progress.Waiting is not null && !Progress.Active.IsEmpty;

    /// <summary>The task id of <paramref name="occurrence"/>.</summary>
    public string TaskIdOf(DateTimeOffset occurrence) => Model.TaskIds.ForOccurrence(Spec.Id, occurrence);

    /// <summary>The view clients see.</summary>
    public ScheduleView View() => new()
    {
        Id = Id,
        Spec = Spec,
        Status = Status,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        NextFireAt = Status is ScheduleStatus.Active ? WakeAt : null,
        LastFired = LastFired,
        RunningTasks = [.. Progress.Active.Select(TaskIdOf)],
        Waiting = Progress.Waiting,
        Fired = Fired,
        MissedSkipped = MissedSkipped,
        OverlapSkipped = OverlapSkipped,
    };
}
