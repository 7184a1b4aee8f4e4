using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Downing;

/// <summary>Builds partitions for tables: members 1..n, and who cannot reach whom.</summary>
internal static class Partitions
{
    /// <summary>The gossip of Up members <paramref name="members"/>, where each observer cannot reach its subjects.</summary>
    public static ClusterGossip Partitioned(IEnumerable<Member> members, params (int Observer, int Subject)[] broken)
    {
        var reachability = broken.Aggregate(Reachability.Empty, (r, link) => r.Unreachable(N(link.Observer), N(link.Subject)));
        return Seen([.. members]) with { Reachability = reachability };
    }

    /// <summary>
    /// A clean split as node <paramref name="self"/> sees it: Up members 1..<paramref name="size"/>, and the nodes in
    /// <paramref name="otherSide"/> unreachable from <paramref name="self"/>.
    /// </summary>
    public static PartitionView Split(int self, int size, int[] otherSide, string? role = null, Func<int, Member>? member = null)
    {
        var members = Enumerable.Range(1, size).Select(member ?? (n => M(n))).ToList();
        var gossip = Partitioned(members, [.. otherSide.Select(other => (self, other))]);
        return PartitionView.From(gossip, N(self), role);
    }
}
