using Scheduler.Engine.Model;

namespace Scheduler.Engine.Dispatch;

/// <summary>What task entities tell their node's dispatcher.</summary>
internal abstract record DispatcherProtocol
{
    /// <summary>
    /// The sender (a task entity) waits for a worker. With <paramref name="AnswerNow"/> the dispatcher answers at once:
    /// with an <see cref="Tasks.TaskInput.Offer"/> when a worker has room, or else with <see cref="Tasks.TaskInput.Queued"/>.
    /// </summary>
    public sealed record Enqueue(string TaskId, int Priority, DateTimeOffset DueAt, PlacementSpec Placement, bool AnswerNow = false) : DispatcherProtocol;

    /// <summary>The task no longer waits (paused, cancelled, passivated).</summary>
    public sealed record Dequeue(string TaskId) : DispatcherProtocol;
}
