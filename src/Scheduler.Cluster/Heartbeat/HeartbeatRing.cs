using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Heartbeat;

/// <summary>
/// Whom a member sends heartbeats to: the next <c>monitored-by-nr-of-members</c> members after it in address
/// order, wrapping around, so each member is watched by that many others and the load stays flat as the cluster
/// grows. Members this node already finds unreachable stay monitored, so it notices when they come back. Pure.
/// </summary>
internal static class HeartbeatRing
{
    public static IReadOnlySet<UniqueAddress> Receivers(UniqueAddress self, IEnumerable<UniqueAddress> members, int monitoredBy, IReadOnlySet<UniqueAddress> unreachable)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(unreachable);
        var ring = members.Append(self).Distinct().Order().ToList();
        var start = ring.IndexOf(self);
        var receivers = new HashSet<UniqueAddress>();
        for (var step = 1; step < ring.Count && receivers.Count < monitoredBy; step++)
        {
            receivers.Add(ring[(start + step) % ring.Count]);
        }

        receivers.UnionWith(unreachable.Where(node => !node.Equals(self) && ring.Contains(node)));
        return receivers;
    }
}
