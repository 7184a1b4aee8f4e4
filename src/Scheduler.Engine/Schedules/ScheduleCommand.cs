using Scheduler.Actors.Serialization;

namespace Scheduler.Engine.Schedules;

/// <summary>What clients ask of a schedule entity. Each is answered with a <see cref="ScheduleReply"/>.</summary>
public abstract record ScheduleCommand
{
    /// <summary>The schedule the command is for (its entity id).</summary>
    public abstract string ScheduleId { get; }

    /// <summary>
    /// Create a schedule. Repeating the create with the same spec answers the existing schedule with
    /// <c>Created = false</c>; a different spec under a live schedule's id is refused (delete it first).
    /// </summary>
    public sealed record Create(ScheduleSpec Spec) : ScheduleCommand
    {
        /// <inheritdoc />
        public override string ScheduleId => Spec.Id;
    }

    /// <summary>Read the schedule.</summary>
    public sealed record Get(string Id) : ScheduleCommand
    {
        /// <inheritdoc />
        public override string ScheduleId => Id;
    }

    /// <summary>Stop firing until resumed; tasks already created run on.</summary>
    public sealed record Pause(string Id) : ScheduleCommand
    {
        /// <inheritdoc />
        public override string ScheduleId => Id;
    }

    /// <summary>Fire again, from the next occurrence after now.</summary>
    public sealed record Resume(string Id) : ScheduleCommand
    {
        /// <inheritdoc />
        public override string ScheduleId => Id;
    }

    /// <summary>Delete the schedule; tasks already created run on.</summary>
    public sealed record Delete(string Id) : ScheduleCommand
    {
        /// <inheritdoc />
        public override string ScheduleId => Id;
    }

    /// <summary>Registers every command with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Create>("engine.schedule.cmd.create");
        registry.Register<Get>("engine.schedule.cmd.get");
        registry.Register<Pause>("engine.schedule.cmd.pause");
        registry.Register<Resume>("engine.schedule.cmd.resume");
        registry.Register<Delete>("engine.schedule.cmd.delete");
    }
}
