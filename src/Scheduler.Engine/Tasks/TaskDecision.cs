namespace Scheduler.Engine.Tasks;

/// <summary>What a task entity does with one input: the events to persist (in order) and the answer to send once they are stored.</summary>
internal sealed record TaskDecision(IReadOnlyList<TaskEvent> Events, object? Reply)
{
    /// <summary>Nothing to store and nothing to answer.</summary>
    public static TaskDecision None { get; } = new([], null);

    /// <summary>Only an answer.</summary>
    public static TaskDecision Answer(object reply) => new([], reply);
}
