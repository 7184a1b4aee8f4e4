using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Cluster.Members;

namespace Scheduler.Hosting.Health;

/// <summary>Healthy once this node is an Up member of its cluster; degraded while it joins or leaves.</summary>
internal sealed class MemberUpHealthCheck(SchedulerNode node) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!node.Started.IsCompletedSuccessfully)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the node has not started"));
        }

        var status = node.Cluster.SelfMember?.Status;
        return Task.FromResult(status == MemberStatus.Up
            ? HealthCheckResult.Healthy("member Up")
            : HealthCheckResult.Unhealthy("member " + (status?.ToString() ?? "not joined yet")));
    }
}
