namespace Scheduler.Sharding;

/// <summary>The number of running entities per shard of one region.</summary>
public sealed record ShardRegionStats(IReadOnlyDictionary<string, int> Stats);
