using System.Text.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>A task as clients see it: what every surface shows and what the read model stores.</summary>
public sealed record TaskView
{
    /// <summary>The task id.</summary>
    public required string Id { get; init; }

    /// <summary>The task type.</summary>
    public required string Type { get; init; }

    /// <summary>Where the task is.</summary>
    public required TaskState State { get; init; }

    /// <summary>The number of the last attempt dispatched (0 before the first).</summary>
    public int Attempt { get; init; }

    /// <summary>Failed or timed-out attempts of this run.</summary>
    public int Failures { get; init; }

    /// <summary>0 to 9.</summary>
    public int Priority { get; init; }

    /// <summary>The client's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The parent task, if this one was fanned out.</summary>
    public string? ParentId { get; init; }

    /// <summary>The schedule occurrence that created the task, if a schedule did.</summary>
    public ScheduleOccurrence? Occurrence { get; init; }

    /// <summary>The node of the worker the last attempt went to.</summary>
    public string? Node { get; init; }

    /// <summary>The path of that worker.</summary>
    public string? Worker { get; init; }

    /// <summary>When the task is (or was) due.</summary>
    public DateTimeOffset DueAt { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When its last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True while a pause waits for the running attempt to end.</summary>
    public bool PauseRequested { get; init; }

    /// <summary>The last error.</summary>
    public TaskError? LastError { get; init; }

    /// <summary>The result of the successful attempt.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The view of a task entity's state.</summary>
    public static TaskView Of(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskView
        {
            Id = task.Id,
            Type = task.Spec.Type,
            State = task.State,
            Attempt = task.Attempt,
            Failures = task.Failures,
            Priority = task.Spec.Priority,
            Labels = task.Spec.Labels,
            ParentId = task.Spec.ParentId,
            Occurrence = task.Spec.Occurrence,
            Node = task.LastNode,
            Worker = task.LastWorker,
            DueAt = task.DueAt,
            SubmittedAt = task.SubmittedAt,
            UpdatedAt = task.UpdatedAt,
            StartedAt = task.StartedAt,
            FinishedAt = task.FinishedAt,
            PauseRequested = task.PauseRequested,
            LastError = task.LastError,
            Result = task.Result,
        };
    }
}
