using Scheduler.Engine.Model;

namespace Scheduler.Engine.Dispatch;

/// <summary>What task entities tell their node's dispatcher.</summary>
internal abstract record DispatcherProtocol
{
    /// <summary>The sender (a task entity) waits for a worker.</summary>
    public sealed record Enqueue(string TaskId, int Priority, DateTimeOffset DueAt, PlacementSpec Placement) : DispatcherProtocol;

    /// <summary>The task no longer waits (paused, cancelled, passivated).</summary>
    public sealed record Dequeue(string TaskId) : DispatcherProtocol;
}
