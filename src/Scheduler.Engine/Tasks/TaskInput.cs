using Scheduler.Actors.Serialization;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>The engine's own messages to a task entity (besides client commands and worker reports).</summary>
internal abstract record TaskInput
{
    /// <summary>The task's due time may have come (from its own timer or the due-time index).</summary>
    public sealed record Wake(string TaskId) : TaskInput;

    /// <summary>A dispatcher offers a worker with room for the task.</summary>
    public sealed record Offer(string TaskId, WorkerRef Worker) : TaskInput;

    /// <summary>
    /// The dispatcher's answer to an enqueue that asked for one at once, when no worker has room: the task waits in its
    /// queue. Only between an entity and its own node's dispatcher.
    /// </summary>
    public sealed record Queued(string TaskId) : TaskInput;

    /// <summary>The answer to an <see cref="Offer"/>: taken as attempt <paramref name="Attempt"/>, or declined (0).</summary>
    public sealed record OfferAnswer(string TaskId, int Attempt) : TaskInput
    {
        /// <summary>True when the task took the worker.</summary>
        public bool Taken => Attempt > 0;
    }

    /// <summary>From the due-time index's waker: the task's row says it is due at <paramref name="DueAt"/> (or soon).</summary>
    public sealed record Woken(string TaskId, DateTimeOffset DueAt) : TaskInput;

    /// <summary>The task has taken over its due time from the index (it holds a timer, or is past waiting): the row may go.</summary>
    public sealed record WokenAnswer(string TaskId, DateTimeOffset DueAt) : TaskInput;

    /// <summary>A child of <paramref name="ParentId"/> tells it how it ended, until the parent answers with <see cref="ChildEndedAck"/>.</summary>
    public sealed record ChildEnded(string ParentId, ChildResult Child) : TaskInput;

    /// <summary>The parent knows of the child's end (it recorded it, or never waited for it).</summary>
    public sealed record ChildEndedAck(string ParentId, string ChildId) : TaskInput;

    /// <summary>
    /// A parent cancels its child <paramref name="Child"/> (the spec it fanned out). A child that does not exist yet is
    /// recorded as cancelled: the parent's submit of it may still be on its way, and must then find it cancelled
    /// rather than create it.
    /// </summary>
    public sealed record CancelChild(TaskSpec Child, string Reason) : TaskInput
    {
        /// <summary>The child's id.</summary>
        public string TaskId => Child.Id ?? "";
    }

    /// <summary>
    /// The entity to itself: every child of fan-out <paramref name="Attempt"/> it had to submit (or cancel) has answered.
    /// Never sent; the entity hands it straight to the lifecycle.
    /// </summary>
    public sealed record ChildrenAnswered(int Attempt) : TaskInput;

    /// <summary>A member left the cluster for good: attempts on its workers are over.</summary>
    public sealed record NodeRemoved(UniqueAddress Node) : TaskInput;

    /// <summary>Registers the messages that cross process boundaries.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Wake>("engine.task.wake");
        registry.Register<Offer>("engine.task.offer");
        registry.Register<OfferAnswer>("engine.task.offer-answer");
        registry.Register<Woken>("engine.task.woken");
        registry.Register<WokenAnswer>("engine.task.woken-answer");
        registry.Register<ChildEnded>("engine.task.child-ended-input");
        registry.Register<ChildEndedAck>("engine.task.child-ended-ack");
        registry.Register<CancelChild>("engine.task.cancel-child");
    }
}
