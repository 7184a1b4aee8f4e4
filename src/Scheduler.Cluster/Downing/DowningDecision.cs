namespace Scheduler.Cluster.Downing;

/// <summary>What the split-brain resolver decided to do about a partition seen from one side.</summary>
internal enum DowningDecision
{
    /// <summary>This side carries on: the members it cannot reach are downed.</summary>
    DownUnreachable,

    /// <summary>The other side carries on: every member of this side, this node included, is downed.</summary>
    DownReachable,

    /// <summary>Nobody can safely carry on: every member is downed.</summary>
    DownAll,

    /// <summary>There is no clean partition, only members with broken links between them: those are downed.</summary>
    DownIndirectlyConnected,

    /// <summary>Whoever holds the lease carries on: try to take it, then down the other side or this one.</summary>
    AcquireLease,
}
