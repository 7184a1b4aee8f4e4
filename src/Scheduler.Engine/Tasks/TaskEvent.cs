using System.Text.Json;
using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>What a task entity stores in the journal: one event per transition, each with the time it happened.</summary>
public abstract record TaskEvent(DateTimeOffset At)
{
    /// <summary>The tag every task event carries, for the read model's projection.</summary>
    public const string Tag = "task";

    /// <summary>A task was accepted (first, or again after a delete).</summary>
    public sealed record Submitted(TaskSpec Spec, DateTimeOffset DueAt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>A scheduled or retry-waiting task reached its due time.</summary>
    public sealed record BecameReady(DateTimeOffset At) : TaskEvent(At);

    /// <summary>Attempt <paramref name="Attempt"/> was sent to <paramref name="Worker"/>.</summary>
    public sealed record AttemptDispatched(int Attempt, WorkerRef Worker, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The worker refused the attempt before running it (full, or it no longer fits).</summary>
    public sealed record AttemptRejected(int Attempt, string Reason, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The worker started the attempt.</summary>
    public sealed record AttemptStarted(int Attempt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The attempt succeeded.</summary>
    public sealed record AttemptSucceeded(int Attempt, JsonElement? Result, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The attempt failed (or timed out, when <paramref name="TimedOut"/>); <paramref name="RetryAt"/> is the next attempt's due time, absent when the task gives up.</summary>
    public sealed record AttemptFailed(int Attempt, TaskError Error, bool TimedOut, DateTimeOffset? RetryAt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The attempt ended by fanning out <paramref name="Children"/> (ids and parent filled in); the task waits for them.</summary>
    public sealed record AttemptFannedOut(int Attempt, IReadOnlyList<TaskSpec> Children, bool Reduce, DateTimeOffset At) : TaskEvent(At);

    /// <summary>A child the task waits for ended; after the last one the task finishes, or becomes ready to reduce.</summary>
    public sealed record ChildEnded(ChildResult Child, DateTimeOffset At) : TaskEvent(At);

    /// <summary>
    /// Every child of fan-out <paramref name="Attempt"/> has answered the parent's submit: each exists (or has ended)
    /// and will tell the parent of its end, so a parent started again need not submit them again.
    /// </summary>
    public sealed record ChildrenSubmitted(int Attempt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>
    /// Every child of fan-out <paramref name="Attempt"/> that had not ended has answered the cancel of its parent
    /// (cancelled or deleted), so a parent started again need not cancel them again.
    /// </summary>
    public sealed record ChildrenCancelled(int Attempt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The attempt ended on a cancellation the task asked for, or by its worker's own shutdown.</summary>
    public sealed record AttemptCancelled(int Attempt, DateTimeOffset At) : TaskEvent(At);

    /// <summary>The attempt's worker node was removed from the cluster: the attempt is over, its outcome unknown.</summary>
    public sealed record AttemptLost(int Attempt, string Reason, DateTimeOffset At) : TaskEvent(At);

    /// <summary>A client paused the task (<paramref name="Policy"/> says what happens to a running attempt).</summary>
    public sealed record Paused(RunningPausePolicy Policy, DateTimeOffset At) : TaskEvent(At);

    /// <summary>A client resumed the task.</summary>
    public sealed record Resumed(DateTimeOffset At) : TaskEvent(At);

    /// <summary>A client cancelled the task.</summary>
    public sealed record Cancelled(string? Reason, DateTimeOffset At) : TaskEvent(At);

    /// <summary>A client deleted the task.</summary>
    public sealed record Deleted(DateTimeOffset At) : TaskEvent(At);

    /// <summary>A client ran a finished task again.</summary>
    public sealed record Rerun(DateTimeOffset At) : TaskEvent(At);

    /// <summary>Registers every event with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Submitted>("engine.task.submitted");
        registry.Register<BecameReady>("engine.task.became-ready");
        registry.Register<AttemptDispatched>("engine.task.attempt-dispatched");
        registry.Register<AttemptRejected>("engine.task.attempt-rejected");
        registry.Register<AttemptStarted>("engine.task.attempt-started");
        registry.Register<AttemptSucceeded>("engine.task.attempt-succeeded");
        registry.Register<AttemptFailed>("engine.task.attempt-failed");
        registry.Register<AttemptCancelled>("engine.task.attempt-cancelled");
        registry.Register<AttemptFannedOut>("engine.task.attempt-fanned-out");
        registry.Register<ChildEnded>("engine.task.child-ended");
        registry.Register<ChildrenSubmitted>("engine.task.children-submitted");
        registry.Register<ChildrenCancelled>("engine.task.children-cancelled");
        registry.Register<AttemptLost>("engine.task.attempt-lost");
        registry.Register<Paused>("engine.task.paused");
        registry.Register<Resumed>("engine.task.resumed");
        registry.Register<Cancelled>("engine.task.cancelled");
        registry.Register<Deleted>("engine.task.deleted");
        registry.Register<Rerun>("engine.task.rerun");
    }
}
