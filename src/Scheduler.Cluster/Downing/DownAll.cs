namespace Scheduler.Cluster.Downing;

/// <summary>
/// Any lasting unreachability downs every member; the cluster must then be started again. For clusters where a
/// restart is cheap and two halves running on would be expensive.
/// </summary>
internal sealed class DownAll : DowningStrategy
{
    protected override DowningDecision DecideSides(PartitionView view) => DowningDecision.DownAll;
}
