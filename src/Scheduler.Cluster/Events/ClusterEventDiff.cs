using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Events;

/// <summary>The events between two versions of the gossip, and the state a version shows (pure).</summary>
internal static class ClusterEventDiff
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, as <paramref name="self"/> sees it.</summary>
    public static IReadOnlyList<ClusterEvent> Diff(ClusterGossip before, ClusterGossip after, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var events = new List<ClusterEvent>();
        foreach (var member in after.Members)
        {
            var old = before.MemberOf(member.UniqueAddress);
            if (old is not null && old.Status == member.Status)
            {
                continue;
            }

            events.Add(member.Status switch
            {
                MemberStatus.Joining => new ClusterEvent.MemberJoined(member),
                MemberStatus.WeaklyUp => new ClusterEvent.MemberWeaklyUp(member),
                MemberStatus.Up => new ClusterEvent.MemberUp(member),
                MemberStatus.Leaving => new ClusterEvent.MemberLeft(member),
                MemberStatus.Exiting => new ClusterEvent.MemberExited(member),
                MemberStatus.Down => new ClusterEvent.MemberDowned(member),
                _ => new ClusterEvent.MemberRemoved(member, old?.Status ?? MemberStatus.Removed),
            });
        }

        foreach (var old in before.Members)
        {
            if (!after.HasMember(old.UniqueAddress))
            {
                events.Add(new ClusterEvent.MemberRemoved(old.With(MemberStatus.Removed), old.Status));
            }
        }

        var unreachableBefore = Unreachable(before, self);
        var unreachableAfter = Unreachable(after, self);
        events.AddRange(unreachableAfter.Except(unreachableBefore).Order().Select(m => new ClusterEvent.UnreachableMember(m)));
        events.AddRange(unreachableBefore.Except(unreachableAfter)
            .Where(m => after.MemberOf(m.UniqueAddress) is { } now && now.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Order()
            .Select(m => new ClusterEvent.ReachableMember(after.MemberOf(m.UniqueAddress)!)));

        var leaderBefore = before.Leader(self)?.Address;
        var leaderAfter = after.Leader(self)?.Address;
        if (!Equals(leaderBefore, leaderAfter))
        {
            events.Add(new ClusterEvent.LeaderChanged(leaderAfter));
        }

        foreach (var role in before.AllRoles.Union(after.AllRoles))
        {
            var roleBefore = before.RoleLeader(role, self)?.Address;
            var roleAfter = after.RoleLeader(role, self)?.Address;
            if (!Equals(roleBefore, roleAfter))
            {
                events.Add(new ClusterEvent.RoleLeaderChanged(role, roleAfter));
            }
        }

        return events;
    }

    /// <summary>The state <paramref name="gossip"/> shows to <paramref name="self"/>.</summary>
    public static CurrentClusterState State(ClusterGossip gossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        var roleLeaders = gossip.AllRoles.ToImmutableSortedDictionary(role => role, role => gossip.RoleLeader(role, self)?.Address, StringComparer.Ordinal);
        return new CurrentClusterState(
            gossip.Members,
            Unreachable(gossip, self),
            gossip.Seen.Select(node => node.Address).ToImmutableHashSet(),
            gossip.Leader(self)?.Address,
            roleLeaders);
    }

    /// <summary>Members someone cannot reach, except this node itself and members already Down.</summary>
    private static ImmutableHashSet<Member> Unreachable(ClusterGossip gossip, UniqueAddress self) =>
        gossip.Reachability.AllUnreachableOrTerminated
            .Where(node => !node.Equals(self))
            .Select(gossip.MemberOf)
            .OfType<Member>()
            .Where(m => m.Status != MemberStatus.Down)
            .ToImmutableHashSet();
}
