namespace Scheduler.Cluster.Gossip;

/// <summary>What one member's failure detector says of another.</summary>
internal enum ReachabilityStatus
{
    /// <summary>Heartbeats arrive.</summary>
    Reachable,

    /// <summary>Heartbeats stopped arriving.</summary>
    Unreachable,

    /// <summary>The subject is Down or Removed: it will never be reachable again.</summary>
    Terminated,
}
