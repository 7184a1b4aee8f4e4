using Scheduler.Actors;

namespace Scheduler.Sharding.Allocation;

/// <summary>
/// Decides where shards live: where a new shard goes, and which shards to move so the regions stay balanced. The
/// coordinator calls it with the current allocation (every region that may take shards, with the shards it holds);
/// an implementation decides only, it does not move anything, so it can be tested with tables.
/// </summary>
public interface IShardAllocationStrategy
{
    /// <summary>
    /// The region that gets <paramref name="shardId"/>, one of <paramref name="currentShardAllocations"/>' keys.
    /// <paramref name="requester"/> is the region that asked (a message for the shard arrived there).
    /// </summary>
    IActorRef AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations);

    /// <summary>
    /// The shards to hand off now so they can be allocated again elsewhere; never one of
    /// <paramref name="rebalanceInProgress"/>. Empty when the allocation is good enough.
    /// </summary>
    IReadOnlySet<string> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress);
}
