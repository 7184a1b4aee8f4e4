using System.Globalization;

namespace Scheduler.Sharding.Extraction;

/// <summary>
/// Spreads entities over a fixed number of shards by a stable hash of the entity id. Understands
/// <see cref="ShardingEnvelope"/> and <see cref="StartEntity"/>; derive from it and override
/// <see cref="EntityId(object)"/> and <see cref="EntityMessage(object)"/> for messages that carry their own id.
/// Choose the number of shards once (about ten times the largest number of nodes): changing it moves entities.
/// </summary>
public class HashCodeMessageExtractor : IMessageExtractor
{
    /// <summary>Creates an extractor for <paramref name="maxNumberOfShards"/> shards (1 to 100,000).</summary>
    public HashCodeMessageExtractor(int maxNumberOfShards)
    {
        if (maxNumberOfShards is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfShards), maxNumberOfShards, "The number of shards must be between 1 and 100000.");
        }

        MaxNumberOfShards = maxNumberOfShards;
    }

    /// <summary>How many shards there are; shard ids are 0 to this less one.</summary>
    public int MaxNumberOfShards { get; }

    /// <inheritdoc />
    public virtual string? EntityId(object message) => message switch
    {
        ShardingEnvelope envelope => envelope.EntityId,
        StartEntity start => start.EntityId,
        _ => null,
    };

    /// <inheritdoc />
    public virtual object EntityMessage(object message) => message is ShardingEnvelope envelope ? envelope.Message : message;

    /// <inheritdoc />
    public string ShardId(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return (StableHash.Of(entityId) % (uint)MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
    }
}
