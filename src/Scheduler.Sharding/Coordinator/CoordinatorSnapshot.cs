using Scheduler.Actors;

namespace Scheduler.Sharding.Coordinator;

/// <summary>The coordinator's state as stored in a snapshot.</summary>
internal sealed record CoordinatorSnapshot(
    IReadOnlyList<CoordinatorSnapshot.RegionEntry> Regions,
    IReadOnlyList<IActorRef> Proxies,
    IReadOnlyList<string> Unallocated,
    bool RememberEntities)
{
    /// <summary>A region and its shards.</summary>
    public sealed record RegionEntry(IActorRef Region, IReadOnlyList<string> Shards);
}
