using Scheduler.Actors.Serialization;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Schedules;

/// <summary>What a schedule entity stores in the journal: one event per change, each with the time it happened.</summary>
internal abstract record ScheduleEvent(DateTimeOffset At)
{
    /// <summary>The tag every schedule event carries.</summary>
    public const string Tag = "schedule";

    /// <summary>A schedule was created (first, or again after a delete); occurrences count from <paramref name="Start"/>.</summary>
    public sealed record Created(ScheduleSpec Spec, DateTimeOffset Start, DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>
    /// The planner's decision, stored whole: what fired, what was skipped, the progress after it and the next wake.
    /// Recovery replays the decision, not the planning, so a change to the planner never rewrites the past.
    /// </summary>
    public sealed record Planned(SchedulePlan Plan, DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>The task of <paramref name="Occurrence"/> is in the journal (its entity said so).</summary>
    public sealed record OccurrenceCreated(DateTimeOffset Occurrence, DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>
    /// The task of <paramref name="Occurrence"/> finished in <paramref name="State"/>, or could not be created
    /// (<paramref name="Error"/>); a <see cref="Planned"/> event with what follows comes next.
    /// </summary>
    public sealed record OccurrenceEnded(DateTimeOffset Occurrence, TaskState? State, string? Error, DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>A client paused the schedule.</summary>
    public sealed record Paused(DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>A client resumed the schedule; a <see cref="Planned"/> event that passes over the pause comes next.</summary>
    public sealed record Resumed(DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>A client deleted the schedule.</summary>
    public sealed record Deleted(DateTimeOffset At) : ScheduleEvent(At);

    /// <summary>Registers every event with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Created>("engine.schedule.created");
        registry.Register<Planned>("engine.schedule.planned");
        registry.Register<OccurrenceCreated>("engine.schedule.occurrence-created");
        registry.Register<OccurrenceEnded>("engine.schedule.occurrence-ended");
        registry.Register<Paused>("engine.schedule.paused");
        registry.Register<Resumed>("engine.schedule.resumed");
        registry.Register<Deleted>("engine.schedule.deleted");
    }
}
