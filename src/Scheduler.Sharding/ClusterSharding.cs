using System.Collections.Concurrent;
using Scheduler.Actors;
using Scheduler.Cluster.Singleton;
using Scheduler.Sharding.Allocation;
using Scheduler.Sharding.Coordinator;
using Scheduler.Sharding.Extraction;
using Scheduler.Sharding.Internal;
using Scheduler.Sharding.Regions;
using Scheduler.Sharding.Shards;

namespace Scheduler.Sharding;

/// <summary>
/// Cluster sharding of an actor system: <c>ClusterSharding.Get(system).Start(...)</c> starts the region of an entity
/// type on this node (and the coordinator's singleton manager), and returns the region, which takes messages for
/// any entity of the type wherever it lives. Nodes without the type's role, and client nodes, use
/// <see cref="StartProxy"/>. When the node leaves, its regions hand their shards off during coordinated shutdown.
/// Needs the cluster and a persistence journal (the coordinator and remember-entities keep their state there).
/// </summary>
public sealed class ClusterSharding
{
    private readonly ActorSystem _system;
    private readonly Cluster.Cluster _cluster;
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private ClusterSharding(ActorSystem system)
    {
        _system = system;
        _cluster = Cluster.Cluster.Get(system);
        var registry = system.Serialization;
        ShardingProtocol.RegisterAll(registry);
        CoordinatorEvent.RegisterAll(registry);
        RememberEntitiesStore.RegisterAll(registry);
        registry.Register<ShardingEnvelope>("sharding.envelope", new ShardingEnvelopeSerializer(registry));
        registry.Register<StartEntity>("sharding.start-entity");
        registry.Register<StartEntityAck>("sharding.start-entity-ack");
        registry.Register<GetShardRegionState>("sharding.get-shard-region-state");
        registry.Register<CurrentShardRegionState>("sharding.current-shard-region-state");
        registry.Register<ShardState>("sharding.shard-state");
        registry.Register<GetShardRegionStats>("sharding.get-shard-region-stats");
        registry.Register<ShardRegionStats>("sharding.shard-region-stats");
        registry.Register<GetCurrentRegions>("sharding.get-current-regions-query");
        registry.Register<CurrentRegions>("sharding.current-regions");
        registry.Register<GetClusterShardingStats>("sharding.get-cluster-sharding-stats");
        registry.Register<ClusterShardingStats>("sharding.cluster-sharding-stats");
        registry.Register<GetEntityLocation>("sharding.get-entity-location");
        registry.Register<EntityLocation>("sharding.entity-location");
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "region-shutdown", LeaveAsync);
    }

    /// <summary>The entity types started here (regions and proxies).</summary>
    public IReadOnlyCollection<string> ShardTypeNames => [.. _regions.Keys];

    /// <summary>The sharding of <paramref name="system"/>, created on first use.</summary>
    public static ClusterSharding Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new ClusterSharding(s));
    }

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> on this node and returns it. The entity with id <c>x</c> is
    /// an actor made from <paramref name="entityProps"/>(x). On a node without <paramref name="settings"/>' role a
    /// proxy is started instead. <paramref name="handOffStopMessage"/> (PoisonPill by default) stops entities on
    /// hand-off and idle passivation, after what is already in their mailboxes. Starting a type twice returns the
    /// region started first.
    /// </summary>
    public IActorRef Start(
        string typeName,
        Func<string, Props> entityProps,
        ClusterShardingSettings settings,
        IMessageExtractor extractor,
        IShardAllocationStrategy? allocationStrategy = null,
        object? handOffStopMessage = null)
    {
        ValidateTypeName(typeName);
        ArgumentNullException.ThrowIfNull(entityProps);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extractor);
        if (settings.Role is { } role && !_cluster.SelfRoles.Contains(role))
        {
            return StartProxy(typeName, role, extractor);
        }

        lock (_gate)
        {
            if (_regions.TryGetValue(typeName, out var existing))
            {
                return existing;
            }

            var strategy = allocationStrategy ?? new LeastShardAllocationStrategy(settings.RebalanceAbsoluteLimit, settings.RebalanceRelativeLimit);
            var coordinator = BackoffSupervisor.Props(new BackoffOptions(
                ShardCoordinator.Props(typeName, settings, strategy),
                "coordinator",
                settings.CoordinatorFailureBackoff,
                settings.CoordinatorFailureBackoff * 4,
                0.2) { Mode = BackoffMode.OnStop });
            _system.SystemActorOf(
                ClusterSingletonManager.Props(
                    coordinator,
                    PoisonPill.Instance,
                    new ClusterSingletonManagerSettings { Role = settings.Role, SingletonName = "singleton" }),
                ManagerName(typeName));
            var region = _system.SystemActorOf(
                Regions.ShardRegion.Props(typeName, entityProps, settings, extractor, handOffStopMessage ?? PoisonPill.Instance, ManagerPath(typeName), _cluster.SelfUniqueAddress),
                "sharding-region-" + ActorNames.Encode(typeName));
            _regions[typeName] = region;
            return region;
        }
    }

    /// <summary>Starts the region of <paramref name="typeName"/> with one <paramref name="entityProps"/> for every entity.</summary>
    public IActorRef Start(
        string typeName,
        Props entityProps,
        ClusterShardingSettings settings,
        IMessageExtractor extractor,
        IShardAllocationStrategy? allocationStrategy = null,
        object? handOffStopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        return Start(typeName, _ => entityProps, settings, extractor, allocationStrategy, handOffStopMessage);
    }

    /// <summary>
    /// Starts a proxy for <paramref name="typeName"/>, whose regions run on members with <paramref name="role"/>
    /// (null: any member): it hosts no entities and routes every message to the region that hosts the entity.
    /// </summary>
    public IActorRef StartProxy(string typeName, string? role, IMessageExtractor extractor)
    {
        ValidateTypeName(typeName);
        ArgumentNullException.ThrowIfNull(extractor);
        lock (_gate)
        {
            if (_regions.TryGetValue(typeName, out var existing))
            {
                return existing;
            }

            var settings = ClusterShardingSettings.Create(_system) with { Role = role };
            var proxy = _system.SystemActorOf(
                Regions.ShardRegion.Props(typeName, null, settings, extractor, PoisonPill.Instance, ManagerPath(typeName), _cluster.SelfUniqueAddress),
                "sharding-proxy-" + ActorNames.Encode(typeName));
            _regions[typeName] = proxy;
            return proxy;
        }
    }

    /// <summary>The region (or proxy) of <paramref name="typeName"/> started on this node.</summary>
    public IActorRef ShardRegion(string typeName) =>
        _regions.TryGetValue(typeName, out var region)
            ? region
            : throw new ArgumentException($"Shard type '{typeName}' was not started on this node; call Start or StartProxy first.", nameof(typeName));

    private static string ManagerName(string typeName) => "sharding-coordinator-" + ActorNames.Encode(typeName);

    private static string ManagerPath(string typeName) => "/system/" + ManagerName(typeName);

    private static void ValidateTypeName(string typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName))
        {
            throw new ArgumentException("A shard type needs a name.", nameof(typeName));
        }
    }

    /// <summary>The shutdown task: every region hands its shards off; the phase's timeout bounds the wait.</summary>
    private async Task LeaveAsync(CancellationToken cancellationToken)
    {
        // The phase cancels the token at its timeout; the ask's own limit is only a backstop. A downed node does not
        // hand off: its shards stop at once (see ShardRegion.StopAsDownedNode).
        object leave = _system.CoordinatedShutdown.Reason == ShutdownReason.ClusterDowning ? Regions.ShardRegion.StopAsDowned.Instance : Regions.ShardRegion.Leave.Instance;
        var left = _regions.Values.Select(region => region.Ask<Regions.ShardRegion.Left>(leave, TimeSpan.FromMinutes(10), cancellationToken));
        await Task.WhenAll(left).ConfigureAwait(false);
    }
}
