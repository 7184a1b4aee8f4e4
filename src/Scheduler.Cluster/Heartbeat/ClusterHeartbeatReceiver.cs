using Scheduler.Actors;
using Scheduler.Cluster.Core;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Heartbeat;

/// <summary>Answers every member's heartbeat with this node's unique address; lives at <c>/system/cluster-heartbeat-receiver</c>.</summary>
internal sealed class ClusterHeartbeatReceiver : ReceiveActor
{
    public const string Name = "cluster-heartbeat-receiver";

    public ClusterHeartbeatReceiver(UniqueAddress self) =>
        Receive<ClusterMessage.Heartbeat>(heartbeat => Sender.Tell(new ClusterMessage.HeartbeatResponse(self, heartbeat.Sequence), Self));
}
