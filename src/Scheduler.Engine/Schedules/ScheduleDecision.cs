namespace Scheduler.Engine.Schedules;

/// <summary>What a schedule entity does with one input: the events to persist (in order) and the answer to send once they are stored.</summary>
internal sealed record ScheduleDecision(IReadOnlyList<ScheduleEvent> Events, object? Reply)
{
    /// <summary>Nothing to store and nothing to answer.</summary>
    public static ScheduleDecision None { get; } = new([], null);

    /// <summary>Only an answer.</summary>
    public static ScheduleDecision Answer(object reply) => new([], reply);
}
