namespace Scheduler.Persistence;

/// <summary>
/// Wraps an event to persist it with tags, for queries by tag. The journal stores the payload and the tags; the
/// persist handler and recovery see the payload alone.
/// </summary>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags);
