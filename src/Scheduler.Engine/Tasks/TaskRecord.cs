using System.Text.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// The state of one task entity, built only by <see cref="TaskLifecycle.Apply"/> from its events (so recovery
/// rebuilds exactly what was acknowledged).
/// </summary>
public sealed record TaskRecord
{
    /// <summary>The task id (also its entity id).</summary>
    public required string Id { get; init; }

    /// <summary>The submitted specification, with its id filled in.</summary>
    public required TaskSpec Spec { get; init; }

    /// <summary>Where the task is.</summary>
    public required TaskState State { get; init; }

    /// <summary>When it is (or was) due: the submit's time, or the next retry's.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When it was submitted (or submitted again after a delete).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When its last event happened.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The number of the last attempt dispatched; it only grows, also across re-runs and deletes.</summary>
    public int Attempt { get; init; }

    /// <summary>Attempts of this run that failed or timed out; the retry policy counts these.</summary>
    public int Failures { get; init; }

    /// <summary>The attempt that may still be running, if any.</summary>
    public ActiveAttempt? Active { get; init; }

    /// <summary>For <see cref="TaskState.Paused"/>: the state a resume returns to.</summary>
    public TaskState? PausedFrom { get; init; }

    /// <summary>A pause that waits for the running attempt to end (<see cref="RunningPausePolicy.LetFinish"/>).</summary>
    public bool PauseRequested { get; init; }

    /// <summary>The last attempt's error, if it failed.</summary>
    public TaskError? LastError { get; init; }

    /// <summary>What the successful attempt returned.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The children the last fan-out asked for and those that have ended; absent until an attempt fans out.</summary>
    public FanOutRecord? FanOut { get; init; }

    /// <summary>The node of the worker the last attempt went to (kept after the attempt ends).</summary>
    public string? LastNode { get; init; }

    /// <summary>The path of that worker.</summary>
    public string? LastWorker { get; init; }

    /// <summary>When the last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the task reached a terminal state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True for Succeeded, Failed, TimedOut and Cancelled.</summary>
    public bool IsFinished => State.IsFinished();

    /// <summary>True when nothing is left to do: finished or deleted, with no attempt out.</summary>
    public bool IsSettled => (IsFinished || State is TaskState.Deleted) && Active is null;

    /// <summary>True when the task waits for a worker and no earlier attempt may still be running.</summary>
    public bool WantsWorker => State is TaskState.Ready && Active is null;
}
