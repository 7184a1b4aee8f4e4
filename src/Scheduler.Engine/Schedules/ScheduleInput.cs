using Scheduler.Actors.Serialization;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Schedules;

/// <summary>The engine's own messages to and from a schedule entity (besides client commands).</summary>
internal abstract record ScheduleInput
{
    /// <summary>The schedule's next occurrence may have come (from its own timer).</summary>
    public sealed record Wake(string ScheduleId) : ScheduleInput;

    /// <summary>
    /// From the task of an occurrence: it has settled (finished or deleted, no attempt out) in <paramref name="State"/>.
    /// The task repeats it until <see cref="OccurrenceEndedAck"/> comes back.
    /// </summary>
    public sealed record OccurrenceEnded(string ScheduleId, DateTimeOffset Occurrence, string TaskId, TaskState State) : ScheduleInput;

    /// <summary>The schedule has taken note of <see cref="OccurrenceEnded"/> (sent to the task entity).</summary>
    public sealed record OccurrenceEndedAck(string TaskId) : ScheduleInput;

    /// <summary>From the due-time index's waker: the schedule's row says it wakes at <paramref name="DueAt"/> (or soon).</summary>
    public sealed record Woken(string ScheduleId, DateTimeOffset DueAt) : ScheduleInput;

    /// <summary>The schedule has taken over its wake time from the index (it holds a timer, or is due): the row may go.</summary>
    public sealed record WokenAnswer(string ScheduleId, DateTimeOffset DueAt) : ScheduleInput;

    /// <summary>Registers the messages that cross process boundaries.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Wake>("engine.schedule.wake");
        registry.Register<OccurrenceEnded>("engine.schedule.occurrence-ended-notice");
        registry.Register<OccurrenceEndedAck>("engine.schedule.occurrence-ended-ack");
        registry.Register<Woken>("engine.schedule.woken");
        registry.Register<WokenAnswer>("engine.schedule.woken-answer");
    }
}
