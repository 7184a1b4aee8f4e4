using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Sharding.Internal;

/// <summary>
/// What regions, shards and the coordinator say to each other. They cross nodes, so each has a registered
/// manifest; refs travel as paths.
/// </summary>
internal static class ShardingProtocol
{
    /// <summary>
    /// A region that hosts shards introduces itself to the coordinator (again, until acknowledged), with the uid of
    /// its node's incarnation: a node started again at the same address must not be taken for the one it replaced.
    /// </summary>
    public sealed record Register(IActorRef Region, long NodeUid);

    /// <summary>A proxy-only region introduces itself: it is told about hand-offs but gets no shards.</summary>
    public sealed record RegisterProxy(IActorRef Proxy, long NodeUid);

    /// <summary>The coordinator took the registration; the region talks to it directly from now on.</summary>
    public sealed record RegisterAck(IActorRef Coordinator);

    /// <summary>
    /// The coordinator does not know the region that asked it something: the region registers again (the coordinator
    /// took it for gone, or a new coordinator started without it).
    /// </summary>
    public sealed record NotRegistered
    {
        public static NotRegistered Instance { get; } = new();
    }

    /// <summary>A region asks where <paramref name="Shard"/> lives (allocating it if it lives nowhere).</summary>
    public sealed record GetShardHome(string Shard);

    /// <summary><paramref name="Shard"/> lives in <paramref name="Region"/>.</summary>
    public sealed record ShardHome(string Shard, IActorRef Region);

    /// <summary>The coordinator tells a region to start <paramref name="Shard"/>, which now lives there.</summary>
    public sealed record HostShard(string Shard);

    /// <summary>The region started <paramref name="Shard"/>.</summary>
    public sealed record ShardStarted(string Shard);

    /// <summary>
    /// <paramref name="Shard"/> is about to move: forget where it lives and hold its messages until asked again.
    /// </summary>
    public sealed record BeginHandOff(string Shard);

    /// <summary>The region forgot where <paramref name="Shard"/> lives.</summary>
    public sealed record BeginHandOffAck(string Shard);

    /// <summary>Stop <paramref name="Shard"/> (its entities first); answer <see cref="ShardStopped"/>.</summary>
    public sealed record HandOff(string Shard);

    /// <summary><paramref name="Shard"/> no longer runs in the region.</summary>
    public sealed record ShardStopped(string Shard);

    /// <summary>
    /// A region is leaving: move its shards away and give it no more. <paramref name="Hosted"/> are the shards it
    /// runs, which a coordinator that started without its history may not know.
    /// </summary>
    public sealed record GracefulShutdownReq(IActorRef Region, IReadOnlyList<string> Hosted);

    /// <summary>A region is gone (it left, or it was stopped); its shards live nowhere now.</summary>
    public sealed record RegionStopped(IActorRef Region);

    /// <summary>Asks the coordinator for every region that hosts shards.</summary>
    public sealed record GetCurrentRegions
    {
        public static GetCurrentRegions Instance { get; } = new();
    }

    /// <summary>The regions that host shards.</summary>
    public sealed record CurrentRegionRefs(IReadOnlyList<IActorRef> Regions);

    /// <summary>Asks the coordinator where <paramref name="Shard"/> lives, without allocating it.</summary>
    public sealed record WhereIsShard(string Shard);

    /// <summary>Where <paramref name="Shard"/> lives; null when it lives nowhere now.</summary>
    public sealed record ShardAt(string Shard, IActorRef? Region);

    /// <summary>Asks a region whether entity <paramref name="EntityId"/> of <paramref name="Shard"/> runs there.</summary>
    public sealed record GetEntity(string Shard, string EntityId);

    /// <summary>The entity's ref where it runs, or null when it does not run.</summary>
    public sealed record EntityAt(IActorRef? Entity);

    /// <summary>Registers every protocol message.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Register>("sharding.register");
        registry.Register<RegisterProxy>("sharding.register-proxy");
        registry.Register<RegisterAck>("sharding.register-ack");
        registry.Register<NotRegistered>("sharding.not-registered");
        registry.Register<GetShardHome>("sharding.get-shard-home");
        registry.Register<ShardHome>("sharding.shard-home");
        registry.Register<HostShard>("sharding.host-shard");
        registry.Register<ShardStarted>("sharding.shard-started");
        registry.Register<BeginHandOff>("sharding.begin-hand-off");
        registry.Register<BeginHandOffAck>("sharding.begin-hand-off-ack");
        registry.Register<HandOff>("sharding.hand-off");
        registry.Register<ShardStopped>("sharding.shard-stopped");
        registry.Register<GracefulShutdownReq>("sharding.graceful-shutdown-req");
        registry.Register<RegionStopped>("sharding.region-stopped");
        registry.Register<GetCurrentRegions>("sharding.get-current-regions");
        registry.Register<CurrentRegionRefs>("sharding.current-region-refs");
        registry.Register<WhereIsShard>("sharding.where-is-shard");
        registry.Register<ShardAt>("sharding.shard-at");
        registry.Register<GetEntity>("sharding.get-entity");
        registry.Register<EntityAt>("sharding.entity-at");
    }
}
