namespace Scheduler.Cluster.Downing;

/// <summary>
/// A split-brain resolver strategy: given a partition as one side sees it, which members to down. Every strategy
/// is pure, so both sides of a partition, deciding on the same counts, reach complementary decisions.
/// </summary>
internal abstract class DowningStrategy
{
    /// <summary>The decision for <paramref name="view"/>, which has unreachable members.</summary>
    public DowningDecision Decide(PartitionView view)
    {
        ArgumentNullException.ThrowIfNull(view);

        // Every member this side cannot reach is itself cut off from someone on this side: there are no two
        // clean sides to choose between, only broken links. Downing their ends leaves a cluster that converges.
        if (!view.IndirectlyConnected.IsEmpty && view.Unreachable.IsSubsetOf(view.IndirectlyConnected))
        {
            return DowningDecision.DownIndirectlyConnected;
        }

        return DecideSides(view);
    }

    /// <summary>Chooses between the two sides of a clean partition.</summary>
    protected abstract DowningDecision DecideSides(PartitionView view);

    /// <summary>Whether the lowest address among counted members is on this side: the tie-breaker on an equal split.</summary>
    protected static bool LowestAddressIsOnThisSide(PartitionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        // Counted is sorted by address, and never empty while this node is a member.
        var lowest = view.Counted.FirstOrDefault();
        return lowest is not null && view.IsOnThisSide(lowest);
    }
}
