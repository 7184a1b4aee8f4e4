using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Core;

/// <summary>What cluster daemons say to each other over remoting; every message has a registered manifest.</summary>
internal abstract record ClusterMessage
{
    /// <summary>A joining node asks a seed whether it is a member that can take joins.</summary>
    public sealed record InitJoin(Address From) : ClusterMessage;

    /// <summary>Yes: join through <paramref name="Address"/>.</summary>
    public sealed record InitJoinAck(Address Address) : ClusterMessage;

    /// <summary>No: <paramref name="Address"/> is not a member (yet).</summary>
    public sealed record InitJoinNack(Address Address) : ClusterMessage;

    /// <summary>A node asks to join with its roles.</summary>
    public sealed record Join(UniqueAddress Node, ImmutableHashSet<string> Roles) : ClusterMessage;

    /// <summary>The join is accepted: here is the membership, with the joiner in it as Joining.</summary>
    public sealed record Welcome(UniqueAddress From, ClusterGossip Gossip) : ClusterMessage;

    /// <summary>Membership gossip from one node to another incarnation.</summary>
    public sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, ClusterGossip Gossip) : ClusterMessage;

    /// <summary>A heartbeat to a member's receiver.</summary>
    public sealed record Heartbeat(Address From, long Sequence) : ClusterMessage;

    /// <summary>The receiver's answer.</summary>
    public sealed record HeartbeatResponse(UniqueAddress From, long Sequence) : ClusterMessage;

    /// <summary>Registers every cluster message.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<InitJoin>("cluster.init-join");
        registry.Register<InitJoinAck>("cluster.init-join-ack");
        registry.Register<InitJoinNack>("cluster.init-join-nack");
        registry.Register<Join>("cluster.join");
        registry.Register<Welcome>("cluster.welcome");
        registry.Register<GossipEnvelope>("cluster.gossip");
        registry.Register<Heartbeat>("cluster.heartbeat");
        registry.Register<HeartbeatResponse>("cluster.heartbeat-response");
    }
}
