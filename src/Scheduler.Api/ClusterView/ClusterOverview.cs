using Scheduler.Cluster.Members;

namespace Scheduler.Api.ClusterView;

/// <summary>The membership as the answering node sees it.</summary>
/// <param name="Self">The answering node.</param>
/// <param name="Leader">The cluster's leader, if there is one.</param>
/// <param name="Members">Every member, oldest address first.</param>
public sealed record ClusterOverview(string Self, string? Leader, IReadOnlyList<MemberOverview> Members)
{
    internal static ClusterOverview Of(Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(member => member.UniqueAddress).ToHashSet();
        return new ClusterOverview(cluster.SelfAddress.ToString(), state.Leader?.ToString(), [.. state.Members.Select(member => new MemberOverview(
            member.Address.ToString(), member.Status, [.. member.Roles.Order(StringComparer.Ordinal)], !unreachable.Contains(member.UniqueAddress), member.UpNumber))]);
    }
}
