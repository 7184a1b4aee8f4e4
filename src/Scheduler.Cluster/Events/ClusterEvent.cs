using Scheduler.Actors;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Events;

/// <summary>
/// What changes in the cluster, as seen by this node, published on the system's event stream. Subscribe with
/// Cluster.Subscribe to get the current state first (as a snapshot or as events), then every change.
/// </summary>
public abstract record ClusterEvent
{
    /// <summary>A change of one member's status.</summary>
    public abstract record MemberEvent(Member Member) : ClusterEvent;

    /// <summary>A node asked to join.</summary>
    public sealed record MemberJoined(Member Member) : MemberEvent(Member);

    /// <summary>A joining node became usable while the cluster could not converge.</summary>
    public sealed record MemberWeaklyUp(Member Member) : MemberEvent(Member);

    /// <summary>A node became a full member.</summary>
    public sealed record MemberUp(Member Member) : MemberEvent(Member);

    /// <summary>A member asked to leave.</summary>
    public sealed record MemberLeft(Member Member) : MemberEvent(Member);

    /// <summary>The leader accepted a member's leave.</summary>
    public sealed record MemberExited(Member Member) : MemberEvent(Member);

    /// <summary>A member was declared down.</summary>
    public sealed record MemberDowned(Member Member) : MemberEvent(Member);

    /// <summary>A member is gone; <paramref name="PreviousStatus"/> says whether it left (Exiting) or was downed (Down).</summary>
    public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);

    /// <summary>A change of a member's reachability.</summary>
    public abstract record ReachabilityEvent(Member Member) : ClusterEvent;

    /// <summary>Some member's failure detector stopped hearing <paramref name="Member"/>.</summary>
    public sealed record UnreachableMember(Member Member) : ReachabilityEvent(Member);

    /// <summary>Every member hears <paramref name="Member"/> again.</summary>
    public sealed record ReachableMember(Member Member) : ReachabilityEvent(Member);

    /// <summary>The leader changed (null: there is none, such as before joining).</summary>
    public sealed record LeaderChanged(Address? Leader) : ClusterEvent;

    /// <summary>The leader among members with <paramref name="Role"/> changed.</summary>
    public sealed record RoleLeaderChanged(string Role, Address? Leader) : ClusterEvent;

    /// <summary>This node began shutting down its cluster membership.</summary>
    public sealed record ClusterShuttingDown : ClusterEvent
    {
        /// <summary>The one instance.</summary>
        public static ClusterShuttingDown Instance { get; } = new();
    }
}
