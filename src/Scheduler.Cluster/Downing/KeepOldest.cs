using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Downing;

/// <summary>
/// The side holding the oldest member (the one Up the longest, where singletons run) carries on, however small.
/// With <see cref="DownIfAlone"/>, an oldest member cut off on its own is downed instead, so a single bad node
/// cannot take the rest of the cluster down with it.
/// </summary>
internal sealed class KeepOldest(bool downIfAlone) : DowningStrategy
{
    public bool DownIfAlone { get; } = downIfAlone;

    protected override DowningDecision DecideSides(PartitionView view)
    {
        var oldest = view.Counted.Aggregate((Member?)null, (best, m) => best is null || m.IsOlderThan(best) ? m : best);
        if (oldest is null)
        {
            // Nobody at all: nothing to keep.
            return DowningDecision.DownAll;
        }

        var reachable = view.CountedReachable.Count();
        var unreachable = view.CountedUnreachable.Count();
        if (view.IsOnThisSide(oldest))
        {
            return DownIfAlone && reachable == 1 && unreachable > 0 ? DowningDecision.DownReachable : DowningDecision.DownUnreachable;
        }

        return DownIfAlone && unreachable == 1 && reachable > 0 ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }
}
