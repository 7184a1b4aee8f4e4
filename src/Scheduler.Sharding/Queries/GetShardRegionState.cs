namespace Scheduler.Sharding;

/// <summary>Asks a region for the shards it hosts and their running entities; answered with <see cref="CurrentShardRegionState"/>.</summary>
public sealed record GetShardRegionState
{
    /// <summary>The only instance.</summary>
    public static GetShardRegionState Instance { get; } = new();
}
