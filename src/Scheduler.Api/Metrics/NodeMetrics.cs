using System.Diagnostics.Metrics;
using Scheduler.Cluster.Members;
using Scheduler.Hosting;

namespace Scheduler.Api.Metrics;

/// <summary>The node's own gauges, on the meter <c>Scheduler.Node</c>: the cluster's members by status, as this node sees them.</summary>
internal sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "Scheduler.Node";

    private readonly Meter _meter = new(MeterName);

    public NodeMetrics(SchedulerNode node) =>
        _meter.CreateObservableGauge("scheduler.cluster.members", () => Members(node), "{member}", "Members of the cluster by status, as this node sees them");

    /// <summary>This node's meter (another node in the same process has its own).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> Members(SchedulerNode node)
    {
        if (!node.Started.IsCompletedSuccessfully)
        {
            return [];
        }

        var members = node.Cluster.State.Members;
        return Enum.GetValues<MemberStatus>().Select(status => new Measurement<int>(members.Count(member => member.Status == status),
            new KeyValuePair<string, object?>("status", Client.Json.ApiJson.Name(status))));
    }
}
