namespace Scheduler.Sharding;

/// <summary>Asks any region (or proxy) for the nodes whose regions host shards; answered with <see cref="CurrentRegions"/>.</summary>
public sealed record GetCurrentRegions
{
    /// <summary>The only instance.</summary>
    public static GetCurrentRegions Instance { get; } = new();
}
