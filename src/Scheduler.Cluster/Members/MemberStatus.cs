namespace Scheduler.Cluster.Members;

/// <summary>
/// Where a member is in its life: Joining → (WeaklyUp →) Up → Leaving → Exiting → Removed, or Down → Removed
/// when it is taken out without leaving.
/// </summary>
public enum MemberStatus
{
    /// <summary>It asked to join; the leader moves it to Up at the next convergence.</summary>
    Joining,

    /// <summary>Joined while the cluster could not converge (a member unreachable); usable, not yet Up.</summary>
    WeaklyUp,

    /// <summary>A full member.</summary>
    Up,

    /// <summary>It asked to leave.</summary>
    Leaving,

    /// <summary>The leader accepted the leave; it is being removed.</summary>
    Exiting,

    /// <summary>Declared dead (by the downing provider or by hand); it is removed at the next convergence.</summary>
    Down,

    /// <summary>Gone from the cluster; never a member again under the same incarnation.</summary>
    Removed,
}
