using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>What clients ask of a task entity. Each is answered with a <see cref="TaskReply"/>.</summary>
public abstract record TaskCommand
{
    /// <summary>The task the command is for (its entity id).</summary>
    public abstract string TaskId { get; }

    /// <summary>
    /// Accept a task. A task that exists already (not deleted) is answered as it is, with <c>Created = false</c>.
    /// <paramref name="ByParent"/> marks a parent's submit of its child, which is answered with a deleted child's
    /// tombstone rather than creating the child again.
    /// </summary>
    public sealed record Submit(TaskSpec Spec, bool ByParent = false) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Spec.Id ?? "";
    }

    /// <summary>Read the task.</summary>
    public sealed record Get(string Id) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Hold the task until it is resumed; <paramref name="Policy"/> says what happens to an attempt already out.</summary>
    public sealed record Pause(string Id, RunningPausePolicy Policy = RunningPausePolicy.LetFinish) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Undo a pause.</summary>
    public sealed record Resume(string Id) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Finish the task as cancelled; an attempt out is asked to stop.</summary>
    public sealed record Cancel(string Id, string? Reason = null) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Delete the task (an attempt out is asked to stop).</summary>
    public sealed record Delete(string Id) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Run a finished task again, with its retry count reset.</summary>
    public sealed record Rerun(string Id) : TaskCommand
    {
        /// <inheritdoc />
        public override string TaskId => Id;
    }

    /// <summary>Registers every command with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Submit>("engine.task.cmd.submit");
        registry.Register<Get>("engine.task.cmd.get");
        registry.Register<Pause>("engine.task.cmd.pause");
        registry.Register<Resume>("engine.task.cmd.resume");
        registry.Register<Cancel>("engine.task.cmd.cancel");
        registry.Register<Delete>("engine.task.cmd.delete");
        registry.Register<Rerun>("engine.task.cmd.rerun");
    }
}
