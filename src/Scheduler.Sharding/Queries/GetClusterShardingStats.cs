namespace Scheduler.Sharding;

/// <summary>
/// Asks any region (or proxy) for the stats of every region of the type in the cluster, waiting at most
/// <paramref name="Timeout"/> for each; answered with <see cref="ClusterShardingStats"/>.
/// </summary>
public sealed record GetClusterShardingStats(TimeSpan Timeout);
