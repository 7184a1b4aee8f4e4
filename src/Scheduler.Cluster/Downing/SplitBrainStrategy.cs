namespace Scheduler.Cluster.Downing;

/// <summary>The split-brain resolver strategies, named as in <c>active-strategy</c>.</summary>
public enum SplitBrainStrategy
{
    /// <summary><c>keep-majority</c>: the larger side carries on; on a tie, the side with the lowest address.</summary>
    KeepMajority,

    /// <summary><c>static-quorum</c>: a side with at least <c>quorum-size</c> members carries on.</summary>
    StaticQuorum,

    /// <summary><c>keep-oldest</c>: the side with the oldest member carries on.</summary>
    KeepOldest,

    /// <summary><c>down-all</c>: every member is downed.</summary>
    DownAll,

    /// <summary><c>lease-majority</c>: the side that takes a lease carries on; the majority tries first.</summary>
    LeaseMajority,
}
