namespace Scheduler.Cluster.Downing;

/// <summary>
/// The side with more members carries on; on an equal split the side holding the lowest address does. Needs no
/// configuration and suits clusters that grow and shrink; a split into three or more parts with no majority can
/// leave no side running.
/// </summary>
internal sealed class KeepMajority : DowningStrategy
{
    protected override DowningDecision DecideSides(PartitionView view)
    {
        var reachable = view.CountedReachable.Count();
        var unreachable = view.CountedUnreachable.Count();
        if (reachable != unreachable)
        {
            return reachable > unreachable ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
        }

        return LowestAddressIsOnThisSide(view) ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }
}
