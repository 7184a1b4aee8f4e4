namespace Scheduler.Sharding;

/// <summary>Asks a region how many entities run in each of its shards; answered with <see cref="ShardRegionStats"/>.</summary>
public sealed record GetShardRegionStats
{
    /// <summary>The only instance.</summary>
    public static GetShardRegionStats Instance { get; } = new();
}
