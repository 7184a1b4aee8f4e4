using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Schedules;

/// <summary>The answer to every <see cref="ScheduleCommand"/>: accepted, not found, an invalid transition, or invalid input.</summary>
public abstract record ScheduleReply
{
    /// <summary>The command was carried out (or had nothing left to do); <paramref name="Schedule"/> is the state after it.</summary>
    public sealed record Accepted(ScheduleView Schedule, bool Created = false) : ScheduleReply;

    /// <summary>There is no such schedule (or it was deleted).</summary>
    public sealed record NotFound(string ScheduleId) : ScheduleReply;

    /// <summary>The command does not apply in the schedule's current status.</summary>
    public sealed record InvalidTransition(string ScheduleId, ScheduleStatus Current, string Command) : ScheduleReply
    {
        /// <summary>A sentence naming the command and the status.</summary>
        public string Message => "cannot " + Command + " schedule '" + ScheduleId + "': it is " + Current;
    }

    /// <summary>The request is malformed, or conflicts with the schedule that exists; nothing was changed.</summary>
    public sealed record Invalid(string ScheduleId, IReadOnlyList<ValidationError> Errors) : ScheduleReply
    {
        /// <summary>All errors in one sentence.</summary>
        public string Message => string.Join("; ", Errors);
    }

    /// <summary>Registers every reply with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Accepted>("engine.schedule.reply.accepted");
        registry.Register<NotFound>("engine.schedule.reply.not-found");
        registry.Register<InvalidTransition>("engine.schedule.reply.invalid-transition");
        registry.Register<Invalid>("engine.schedule.reply.invalid");
    }
}
