namespace Scheduler.Cluster.Downing;

/// <summary>
/// A side with at least <see cref="QuorumSize"/> members carries on, a smaller one downs itself. Safe against any
/// split while the cluster has at most <c>2 * quorum-size - 1</c> members; beyond that both sides could have a
/// quorum, so everyone is downed rather than risk two clusters.
/// </summary>
internal sealed class StaticQuorum(int quorumSize) : DowningStrategy
{
    public int QuorumSize { get; } = quorumSize;

    protected override DowningDecision DecideSides(PartitionView view)
    {
        if (view.Counted.Count() > (2 * QuorumSize) - 1)
        {
            return DowningDecision.DownAll;
        }

        return view.CountedReachable.Count() >= QuorumSize ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }
}
