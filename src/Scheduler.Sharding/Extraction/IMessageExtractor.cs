namespace Scheduler.Sharding.Extraction;

/// <summary>
/// Tells a shard region which entity a message is for, which shard that entity lives in, and what the entity
/// receives. Every node must compute the same shard for the same entity, always: the shard id is where the entity
/// is looked for.
/// </summary>
public interface IMessageExtractor
{
    /// <summary>The entity the message is for, or null when the message is not for any entity (it is dropped).</summary>
    string? EntityId(object message);

    /// <summary>What the entity receives: the message itself, or what it carries (an envelope's payload).</summary>
    object EntityMessage(object message);

    /// <summary>The shard of <paramref name="entityId"/>; the same on every node, for as long as the type runs.</summary>
    string ShardId(string entityId);
}
