using Scheduler.Actors;

namespace Scheduler.Sharding;

/// <summary>The addresses of the nodes whose regions host shards.</summary>
public sealed record CurrentRegions(IReadOnlyList<Address> Regions);
