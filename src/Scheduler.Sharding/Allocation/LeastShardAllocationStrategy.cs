using Scheduler.Actors;

namespace Scheduler.Sharding.Allocation;

/// <summary>
/// The default strategy: a new shard goes to the region with the fewest shards, and a rebalance moves shards from
/// the fullest regions to the emptiest until no two regions differ by more than one. One round moves at most
/// <c>max(1, min(absoluteLimit, relativeLimit × all shards))</c> shards, and no round starts while another is still
/// moving shards, so a node that joins takes its share over a few rounds instead of all at once.
/// </summary>
public sealed class LeastShardAllocationStrategy : IShardAllocationStrategy
{
    /// <summary>Creates the strategy with its limits on how many shards one rebalance round moves.</summary>
    public LeastShardAllocationStrategy(int absoluteLimit, double relativeLimit)
    {
        if (absoluteLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(absoluteLimit), absoluteLimit, "The absolute rebalance limit must be at least 1.");
        }

        if (relativeLimit is <= 0 or > 1 || double.IsNaN(relativeLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeLimit), relativeLimit, "The relative rebalance limit must be above 0 and at most 1.");
        }

        AbsoluteLimit = absoluteLimit;
        RelativeLimit = relativeLimit;
    }

    /// <summary>At most this many shards move in one round.</summary>
    public int AbsoluteLimit { get; }

    /// <summary>At most this share of all shards moves in one round.</summary>
    public double RelativeLimit { get; }

    /// <inheritdoc />
    public IActorRef AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations)
    {
        ArgumentNullException.ThrowIfNull(currentShardAllocations);
        if (currentShardAllocations.Count == 0)
        {
            throw new InvalidOperationException($"Shard {shardId} cannot be allocated: no region may take shards.");
        }

        return Ordered(currentShardAllocations).MinBy(region => currentShardAllocations[region].Count)!;
    }

    /// <inheritdoc />
    public IReadOnlySet<string> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress)
    {
        ArgumentNullException.ThrowIfNull(currentShardAllocations);
        ArgumentNullException.ThrowIfNull(rebalanceInProgress);
        var moving = new HashSet<string>(StringComparer.Ordinal);
        if (rebalanceInProgress.Count > 0 || currentShardAllocations.Count < 2)
        {
            return moving;
        }

        var total = currentShardAllocations.Values.Sum(shards => shards.Count);
        var limit = Math.Max(1, Math.Min(AbsoluteLimit, (int)(RelativeLimit * total)));

        // Simulate the moves: each takes one shard off the fullest region (its most recently allocated, which has
        // had the least time to build up state) and counts it towards the emptiest.
        var regions = Ordered(currentShardAllocations).ToList();
        var remaining = regions.ToDictionary(region => region, region => new Stack<string>(currentShardAllocations[region]));
        var counts = regions.ToDictionary(region => region, region => currentShardAllocations[region].Count);
        while (moving.Count < limit)
        {
            var fullest = regions.MaxBy(region => counts[region])!;
            var emptiest = regions.MinBy(region => counts[region])!;
            if (counts[fullest] - counts[emptiest] <= 1)
            {
                break;
            }

            moving.Add(remaining[fullest].Pop());
            counts[fullest]--;
            counts[emptiest]++;
        }

        return moving;
    }

    /// <summary>The regions in a fixed order, so ties are broken the same way every time.</summary>
    private static IEnumerable<IActorRef> Ordered(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> allocations) =>
        allocations.Keys.OrderBy(region => region.Path.ToString(), StringComparer.Ordinal);
}
