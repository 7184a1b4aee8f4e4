namespace Scheduler.Sharding;

/// <summary>The shards a region hosts, each with its running entities.</summary>
public sealed record CurrentShardRegionState(IReadOnlyList<ShardState> Shards);
