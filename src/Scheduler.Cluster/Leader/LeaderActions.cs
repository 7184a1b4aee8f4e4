using System.Collections.Immutable;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Leader;

/// <summary>
/// What the leader does to the membership, decided from the gossip alone (pure). At convergence: Joining and
/// WeaklyUp members become Up once <c>min-nr-of-members</c> (and per-role minimums) are there, Leaving members
/// become Exiting, and Exiting and Down members are removed. Without convergence, Joining members may become
/// WeaklyUp so a cluster with an unreachable member can still grow.
/// </summary>
internal static class LeaderActions
{
    /// <summary>The leader's moves at convergence; returns the gossip unchanged when there is nothing to do.</summary>
    public static LeaderOutcome OnConvergence(ClusterGossip gossip, UniqueAddress self, int minNrOfMembers, IReadOnlyDictionary<string, int> minNrPerRole)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(minNrPerRole);
        var removed = gossip.Members
            .Where(m => m.Status is MemberStatus.Down or MemberStatus.Exiting)
            .ToImmutableArray();

        var enoughMembers = IsMinNrFulfilled(gossip, minNrOfMembers, minNrPerRole);
        var nextUpNumber = gossip.Members.Select(m => m.UpNumber).DefaultIfEmpty(0).Max() + 1;
        var changed = ImmutableArray.CreateBuilder<Member>();
        foreach (var member in gossip.Members)
        {
            switch (member.Status)
            {
                case MemberStatus.Joining or MemberStatus.WeaklyUp when enoughMembers:
                    // A weakly-up member keeps its age among the Up ones by getting its number now, in address order.
                    changed.Add(member with { Status = MemberStatus.Up, UpNumber = nextUpNumber++ });
                    break;
                case MemberStatus.Leaving:
                    changed.Add(member.With(MemberStatus.Exiting));
                    break;
            }
        }

        if (removed.Length == 0 && changed.Count == 0)
        {
            return new LeaderOutcome(gossip, [], []);
        }

        var next = changed.Aggregate(gossip, (g, m) => g.With(m));
        next = next.Remove([.. removed.Select(m => m.UniqueAddress)]).Increment(self);
        return new LeaderOutcome(next, changed.ToImmutable(), removed);
    }

    /// <summary>Without convergence: Joining members that the leader can reach become WeaklyUp.</summary>
    public static LeaderOutcome WeaklyUp(ClusterGossip gossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        var changed = gossip.Members
            .Where(m => m.Status == MemberStatus.Joining && gossip.IsReachable(m.UniqueAddress))
            .Select(m => m.With(MemberStatus.WeaklyUp))
            .ToImmutableArray();
        if (changed.Length == 0)
        {
            return new LeaderOutcome(gossip, [], []);
        }

        return new LeaderOutcome(changed.Aggregate(gossip, (g, m) => g.With(m)).Increment(self), changed, []);
    }

    /// <summary>Whether enough members (Joining ones count: they are what would become Up) are there, in total and per role.</summary>
    public static bool IsMinNrFulfilled(ClusterGossip gossip, int minNrOfMembers, IReadOnlyDictionary<string, int> minNrPerRole)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(minNrPerRole);
        var candidates = gossip.Members.Where(m => m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up).ToList();
        return candidates.Count >= minNrOfMembers
            && minNrPerRole.All(entry => candidates.Count(m => m.HasRole(entry.Key)) >= entry.Value);
    }
}
