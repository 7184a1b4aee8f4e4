using Scheduler.Actors;

namespace Scheduler.Sharding;

/// <summary>The stats of each region by its node's address; a region that did not answer in time is missing.</summary>
public sealed record ClusterShardingStats(IReadOnlyDictionary<Address, ShardRegionStats> Regions);
