using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Tests;

/// <summary>Short names for nodes and members in tables: node 1 is 127.0.0.1:2551, node 2 is :2552, and so on.</summary>
internal static class Nodes
{
    public static UniqueAddress N(int n, long uid = 1) => new(new Address("sched.tcp", "sys", "127.0.0.1", 2550 + n), uid);

    public static Member M(int n, MemberStatus status = MemberStatus.Up, int upNumber = 0, params string[] roles) =>
        new(N(n), status, [.. roles], upNumber == 0 && status != MemberStatus.Joining ? n : upNumber);

    /// <summary>A gossip holding <paramref name="members"/>, seen by all of them.</summary>
    public static ClusterGossip Seen(params Member[] members) =>
        ClusterGossip.Empty with { Members = [.. members], Seen = [.. members.Select(m => m.UniqueAddress)] };
}
