using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>The answer to every <see cref="TaskCommand"/>: accepted, not found, an invalid transition, or invalid input.</summary>
public abstract record TaskReply
{
    /// <summary>The command was carried out (or had nothing left to do); <paramref name="Task"/> is the state after it.</summary>
    public sealed record Accepted(TaskView Task, bool Created = false) : TaskReply;

    /// <summary>There is no such task (or it was deleted).</summary>
    public sealed record NotFound(string TaskId) : TaskReply;

    /// <summary>The command does not apply in the task's current state.</summary>
    public sealed record InvalidTransition(string TaskId, TaskState Current, string Command) : TaskReply
    {
        /// <summary>A sentence naming the command and the state.</summary>
        public string Message => "cannot " + Command + " task '" + TaskId + "': it is " + Current;
    }

    /// <summary>The request is malformed; nothing was changed.</summary>
    public sealed record Invalid(string TaskId, IReadOnlyList<ValidationError> Errors) : TaskReply
    {
        /// <summary>All errors in one sentence.</summary>
        public string Message => string.Join("; ", Errors);
    }

    /// <summary>Registers every reply with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Accepted>("engine.task.reply.accepted");
        registry.Register<NotFound>("engine.task.reply.not-found");
        registry.Register<InvalidTransition>("engine.task.reply.invalid-transition");
        registry.Register<Invalid>("engine.task.reply.invalid");
    }
}
