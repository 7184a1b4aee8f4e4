using System.Collections.Immutable;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Gossip;

/// <summary>
/// The membership as one node knows it: members, who has seen this version, the reachability table, the vector
/// clock that orders versions, and the tombstones of removed members (so an old gossip cannot bring them back).
/// Immutable and pure: the daemon changes it through these methods and sends it around.
/// </summary>
internal sealed record ClusterGossip(
    ImmutableSortedSet<Member> Members,
    ImmutableHashSet<UniqueAddress> Seen,
    Reachability Reachability,
    VectorClock Version,
    ImmutableHashSet<UniqueAddress> Tombstones)
{
    /// <summary>No members, nothing seen.</summary>
    public static ClusterGossip Empty { get; } = new(
        ImmutableSortedSet<Member>.Empty,
        ImmutableHashSet<UniqueAddress>.Empty,
        Reachability.Empty,
        VectorClock.Empty,
        ImmutableHashSet<UniqueAddress>.Empty);

    /// <summary>The statuses whose members must have seen a version before the cluster has converged on it.</summary>
    private static readonly ImmutableHashSet<MemberStatus> ConvergenceStatuses = [MemberStatus.Up, MemberStatus.Leaving];

    /// <summary>The member at <paramref name="node"/>, if any.</summary>
    public Member? MemberOf(UniqueAddress node) => Members.FirstOrDefault(m => m.UniqueAddress.Equals(node));

    /// <summary>Whether <paramref name="node"/> is a member (of any status).</summary>
    public bool HasMember(UniqueAddress node) => MemberOf(node) is not null;

    /// <summary>Adds a member or replaces the member with the same unique address.</summary>
    public ClusterGossip With(Member member) => this with { Members = Members.Remove(member).Add(member) };

    /// <summary>A new version made by <paramref name="node"/>: its clock entry advances and only it has seen it.</summary>
    public ClusterGossip Increment(UniqueAddress node) =>
        this with { Version = Version.Increment(ClockKey(node)), Seen = [node] };

    /// <summary>Marks the version as seen by <paramref name="node"/>.</summary>
    public ClusterGossip SeenBy(UniqueAddress node) => Seen.Contains(node) ? this : this with { Seen = Seen.Add(node) };

    /// <summary>
    /// Combines two concurrent versions: clocks merged, each member at the furthest status either side knows,
    /// tombstoned members dropped, reachability merged; nobody has seen the result yet.
    /// </summary>
    public ClusterGossip Merge(ClusterGossip other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var tombstones = Tombstones.Union(other.Tombstones);
        var members = new Dictionary<UniqueAddress, Member>();
        foreach (var member in Members.Concat(other.Members))
        {
            if (tombstones.Contains(member.UniqueAddress))
            {
                continue;
            }

            members[member.UniqueAddress] = members.TryGetValue(member.UniqueAddress, out var known) ? Member.Furthest(known, member) : member;
        }

        var keys = members.Keys.ToHashSet();
        return new ClusterGossip(
            [.. members.Values],
            ImmutableHashSet<UniqueAddress>.Empty,
            Reachability.Merge(keys, other.Reachability),
            Version.Merge(other.Version),
            tombstones);
    }

    /// <summary>Takes <paramref name="nodes"/> out for good: members, seen marks and reachability rows go, tombstones stay.</summary>
    public ClusterGossip Remove(IReadOnlyCollection<UniqueAddress> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return this;
        }

        var version = nodes.Aggregate(Version, (clock, node) => clock.Prune(ClockKey(node)));
        return new ClusterGossip(
            Members.Except(Members.Where(m => nodes.Contains(m.UniqueAddress))),
            Seen.Except(nodes),
            Reachability.Remove(nodes),
            version,
            Tombstones.Union(nodes));
    }

    /// <summary>
    /// Whether every member that must see this version has seen it, and no member that still counts is
    /// unreachable (from <paramref name="self"/>'s point of view, unreachable Down and Exiting members do not
    /// count). Only at convergence does the leader act.
    /// </summary>
    public bool Convergence(UniqueAddress self)
    {
        foreach (var unreachable in Reachability.AllUnreachableOrTerminated)
        {
            if (!unreachable.Equals(self) && MemberOf(unreachable) is { Status: not (MemberStatus.Down or MemberStatus.Exiting) })
            {
                return false;
            }
        }

        return Members.All(m => !ConvergenceStatuses.Contains(m.Status) || Seen.Contains(m.UniqueAddress));
    }

    /// <summary>Whether <paramref name="node"/> is reachable by everyone's account.</summary>
    public bool IsReachable(UniqueAddress node) => Reachability.IsReachable(node);

    /// <summary>
    /// The leader as <paramref name="self"/> sees it: the first member by address among reachable Up or Leaving
    /// members (or, when there is none, among every reachable member that is not Down or Exiting).
    /// </summary>
    public UniqueAddress? Leader(UniqueAddress self) => LeaderOf(Members, self);

    /// <summary>The leader among members with <paramref name="role"/>.</summary>
    public UniqueAddress? RoleLeader(string role, UniqueAddress self) => LeaderOf(Members.Where(m => m.HasRole(role)), self);

    /// <summary>Every role any member has.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableSortedSet<string> AllRoles => Members.SelectMany(m => m.Roles).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>The key of <paramref name="node"/> in vector clocks.</summary>
    public static string ClockKey(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToString();
    }

    private UniqueAddress? LeaderOf(IEnumerable<Member> candidates, UniqueAddress self)
    {
        var reachable = candidates
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed))
            .Where(m => m.UniqueAddress.Equals(self) || IsReachable(m.UniqueAddress))
            .ToList();
        if (reachable.Count == 0)
        {
            return null;
        }

        // Members is sorted by address, so the first match is the lowest address.
        var full = reachable.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving);
        return (full ?? reachable[0]).UniqueAddress;
    }
}
