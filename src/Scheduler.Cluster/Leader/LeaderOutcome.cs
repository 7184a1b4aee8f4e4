using System.Collections.Immutable;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Leader;

/// <summary>The gossip after the leader's moves, the members whose status changed, and the members removed.</summary>
internal sealed record LeaderOutcome(ClusterGossip Gossip, ImmutableArray<Member> Changed, ImmutableArray<Member> Removed)
{
    public bool IsChange => !Changed.IsEmpty || !Removed.IsEmpty;
}
