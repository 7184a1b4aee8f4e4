namespace Scheduler.Cluster;

/// <summary>How a new subscriber learns the state of the cluster before the changes.</summary>
public enum SubscriptionInitialStateMode
{
    /// <summary>One <see cref="Events.CurrentClusterState"/> first.</summary>
    InitialStateAsSnapshot,

    /// <summary>Events that build the current state from nothing (MemberUp for each Up member, and so on).</summary>
    InitialStateAsEvents,
}
