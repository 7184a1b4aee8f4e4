using System.Collections.Immutable;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Downing;

/// <summary>
/// A partition as one node sees it, reduced to what a downing strategy decides on: the members that count (Up,
/// Leaving and Exiting, optionally only those with a role; Joining and WeaklyUp members do not count, since a
/// partition may hide them from one side), which of them this side cannot reach, and which sit on both ends of
/// broken links (indirectly connected: an observer that cannot reach someone while someone cannot reach it).
/// Pure: built from a gossip, turned into the set of nodes to down.
/// </summary>
internal sealed record PartitionView(
    UniqueAddress Self,
    ImmutableSortedSet<Member> Members,
    ImmutableHashSet<UniqueAddress> Unreachable,
    ImmutableHashSet<UniqueAddress> IndirectlyConnected,
    string? Role)
{
    /// <summary>Reads the partition out of <paramref name="gossip"/> as <paramref name="self"/> sees it.</summary>
    public static PartitionView From(ClusterGossip gossip, UniqueAddress self, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        var alive = gossip.Members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed)).ToImmutableSortedSet();
        var nodes = alive.Select(m => m.UniqueAddress).ToHashSet();
        var broken = gossip.Reachability.Records
            .Where(r => r.Status != ReachabilityStatus.Reachable && nodes.Contains(r.Observer) && nodes.Contains(r.Subject))
            .ToList();
        var unreachable = broken.Select(r => r.Subject).Where(node => !node.Equals(self)).ToImmutableHashSet();
        var observers = broken.Select(r => r.Observer).ToHashSet();
        var indirectly = broken.Select(r => r.Subject).Where(observers.Contains).ToImmutableHashSet();
        return new PartitionView(self, alive, unreachable, indirectly, string.IsNullOrEmpty(role) ? null : role);
    }

    /// <summary>Whether this side cannot reach anyone that still counts.</summary>
    public bool HasUnreachable => !Unreachable.IsEmpty || !IndirectlyConnected.IsEmpty;

    /// <summary>
    /// Members that count in a decision: neither joining nor weakly up, and with the role if one is set. When that
    /// leaves nobody (no member has the role, or all are still joining), every member counts instead: deciding on
    /// nobody would let both sides carry on.
    /// </summary>
    public IEnumerable<Member> Counted
    {
        get
        {
            var counted = Members.Where(m => m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp) && (Role is null || m.HasRole(Role))).ToList();
            return counted.Count > 0 ? counted : Members;
        }
    }

    /// <summary>Counted members on this side (indirectly connected ones are left out: they belong to neither side).</summary>
    public IEnumerable<Member> CountedReachable => Counted.Where(IsOnThisSide);

    /// <summary>Counted members on the other side, indirectly connected ones included.</summary>
    public IEnumerable<Member> CountedUnreachable => Counted.Where(m => !IsOnThisSide(m));

    /// <summary>Whether <paramref name="member"/> is on this side of the partition.</summary>
    public bool IsOnThisSide(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return !Unreachable.Contains(member.UniqueAddress) && !IndirectlyConnected.Contains(member.UniqueAddress);
    }

    /// <summary>
    /// The nodes <paramref name="decision"/> downs. Indirectly connected members are downed whichever side is kept:
    /// a member with broken links would keep the cluster from converging.
    /// </summary>
    public ImmutableSortedSet<UniqueAddress> NodesToDown(DowningDecision decision)
    {
        var all = Members.Select(m => m.UniqueAddress);
        var nodes = decision switch
        {
            DowningDecision.DownUnreachable => all.Where(n => Unreachable.Contains(n) || IndirectlyConnected.Contains(n)),
            DowningDecision.DownReachable => all.Where(n => !Unreachable.Contains(n) || IndirectlyConnected.Contains(n)),
            DowningDecision.DownAll => all,
            DowningDecision.DownIndirectlyConnected => all.Where(IndirectlyConnected.Contains),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "A lease decision must be settled before anything is downed."),
        };
        return [.. nodes];
    }
}
