namespace Scheduler.Sharding.Extraction;

/// <summary>
/// Wraps a message for entity <paramref name="EntityId"/>, so the message type itself needs no entity id. The
/// payload's type must have a registered manifest when the envelope crosses nodes.
/// </summary>
public sealed record ShardingEnvelope(string EntityId, object Message);
