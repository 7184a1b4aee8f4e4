using Scheduler.Client.Views;
using Scheduler.Engine.Dispatch;

namespace Scheduler.Api.ClusterView;

/// <summary>How the node's cluster state and its dispatchers' answers become the views the API sends.</summary>
internal static class Overviews
{
    public static ClusterOverview Of(Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(member => member.UniqueAddress).ToHashSet();
        return new ClusterOverview(cluster.SelfAddress.ToString(), state.Leader?.ToString(), [.. state.Members.Select(member => new MemberOverview(
            member.Address.ToString(), member.Status, [.. member.Roles.Order(StringComparer.Ordinal)], !unreachable.Contains(member.UniqueAddress), member.UpNumber))]);
    }

    // Every dispatcher hears from every worker; where two differ, the one that reports fewer free slots has heard
    // of more offers, so it is the nearer to the truth.
    public static WorkersOverview Of(IReadOnlyList<DispatcherState> states) => new(
        [.. states.SelectMany(state => state.Workers)
            .GroupBy(worker => worker.Worker, StringComparer.Ordinal)
            .Select(group => group.MinBy(worker => worker.FreeSlots)!)
            .OrderBy(worker => worker.Worker, StringComparer.Ordinal)],
        [.. states.Select(state => new NodeQueue(state.Node, state.Ready)).OrderBy(queue => queue.Node, StringComparer.Ordinal)]);
}
