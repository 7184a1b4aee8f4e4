namespace Scheduler.Cluster.Downing;

/// <summary>
/// The side that takes a lease held outside the cluster (a row in the SQL database) carries on, the other downs
/// itself. The side keep-majority would keep tries at once; the other waits
/// <see cref="MinorityDelay"/> first, so the majority normally wins, while a minority can still carry on when the
/// majority cannot reach the database.
/// </summary>
internal sealed class LeaseMajority(TimeSpan minorityDelay) : DowningStrategy
{
    private readonly KeepMajority _majority = new();

    public TimeSpan MinorityDelay { get; } = minorityDelay;

    /// <summary>How long this side waits before trying to take the lease.</summary>
    public TimeSpan AcquireDelay(PartitionView view) =>
        _majority.Decide(view) == DowningDecision.DownUnreachable ? TimeSpan.Zero : MinorityDelay;

    protected override DowningDecision DecideSides(PartitionView view) => DowningDecision.AcquireLease;
}
