using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Sharding.Coordinator;

/// <summary>What the coordinator stores in the journal: every change of where shards live.</summary>
internal abstract record CoordinatorEvent
{
    /// <summary>A region that hosts shards registered.</summary>
    public sealed record RegionRegistered(IActorRef Region) : CoordinatorEvent;

    /// <summary>A proxy-only region registered.</summary>
    public sealed record RegionProxyRegistered(IActorRef Proxy) : CoordinatorEvent;

    /// <summary>A region is gone; its shards live nowhere.</summary>
    public sealed record RegionTerminated(IActorRef Region) : CoordinatorEvent;

    /// <summary>A proxy-only region is gone.</summary>
    public sealed record RegionProxyTerminated(IActorRef Proxy) : CoordinatorEvent;

    /// <summary><paramref name="Shard"/> now lives in <paramref name="Region"/>.</summary>
    public sealed record ShardHomeAllocated(string Shard, IActorRef Region) : CoordinatorEvent;

    /// <summary><paramref name="Shard"/> was handed off and lives nowhere until it is allocated again.</summary>
    public sealed record ShardHomeDeallocated(string Shard) : CoordinatorEvent;

    /// <summary>Registers every event and the snapshot.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<RegionRegistered>("sharding.coordinator.region-registered");
        registry.Register<RegionProxyRegistered>("sharding.coordinator.region-proxy-registered");
        registry.Register<RegionTerminated>("sharding.coordinator.region-terminated");
        registry.Register<RegionProxyTerminated>("sharding.coordinator.region-proxy-terminated");
        registry.Register<ShardHomeAllocated>("sharding.coordinator.shard-home-allocated");
        registry.Register<ShardHomeDeallocated>("sharding.coordinator.shard-home-deallocated");
        registry.Register<CoordinatorSnapshot>("sharding.coordinator.snapshot");
    }
}
