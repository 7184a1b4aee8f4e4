namespace Scheduler.Engine.Schedules;

/// <summary>A schedule as clients see it.</summary>
public sealed record ScheduleView
{
    /// <summary>The schedule id.</summary>
    public required string Id { get; init; }

    /// <summary>The schedule as created.</summary>
    public required ScheduleSpec Spec { get; init; }

    /// <summary>Where the schedule is.</summary>
    public required ScheduleStatus Status { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it next fires (jitter included); absent while paused or once no occurrence is left.</summary>
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>The latest occurrence that created a task.</summary>
    public DateTimeOffset? LastFired { get; init; }

    /// <summary>The ids of the tasks of occurrences that have not finished.</summary>
    public IReadOnlyList<string> RunningTasks { get; init; } = [];

    /// <summary>The occurrence waiting for a running one to finish (buffer-one and cancel-previous).</summary>
    public DateTimeOffset? Waiting { get; init; }

    /// <summary>Occurrences that created a task.</summary>
    public long Fired { get; init; }

    /// <summary>Occurrences skipped because they were missed (past the misfire threshold).</summary>
    public long MissedSkipped { get; init; }

    /// <summary>Occurrences skipped because an earlier one was still running.</summary>
    public long OverlapSkipped { get; init; }
}
