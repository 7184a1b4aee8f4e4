using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Cluster.Singleton;
using Scheduler.Sharding.Extraction;
using Scheduler.Sharding.Internal;
using Scheduler.Sharding.Shards;

namespace Scheduler.Sharding.Regions;

/// <summary>
/// The entry to one entity type on one node. It routes each message to the shard of its entity: to a shard it
/// hosts, to the region that hosts it, or (home not yet known) into a bounded buffer while it asks the coordinator.
/// It registers with the coordinator (found through a singleton proxy) and follows its hand-offs. A proxy-only
/// region hosts nothing and only routes.
/// </summary>
internal sealed partial class ShardRegion : ReceiveActor, IWithTimers
{
    private readonly string _typeName;
    private readonly Func<string, Props>? _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly Address _selfAddress;
    private readonly long _nodeUid;
    private readonly IActorRef _coordinatorProxy;
    private readonly ILogger _log;

    private readonly Dictionary<string, IActorRef> _regionByShard = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, HashSet<string>> _regions = [];
    private readonly Dictionary<string, IActorRef> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _shardIds = [];
    private readonly MessageBuffers _buffers;
    private readonly List<IActorRef> _leaveWaiters = [];

    // Remembered shards that stopped on a failure and wait for the coordinator's word to start again.
    private readonly HashSet<string> _restarting = new(StringComparer.Ordinal);
    private IActorRef? _coordinator;
    private bool _leaving;
    private bool _downed;
    private bool _left;

    public ShardRegion(
        string typeName,
        Func<string, Props>? entityProps,
        ClusterShardingSettings settings,
        IMessageExtractor extractor,
        object handOffStopMessage,
        string coordinatorManagerPath,
        UniqueAddress self)
    {
        _typeName = typeName;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _selfAddress = self.Address;
        _nodeUid = self.Uid;
        _buffers = new MessageBuffers(settings.BufferSize);
        _log = Context.System.LoggerFactory.CreateLogger<ShardRegion>();
        _coordinatorProxy = Context.ActorOf(
            ClusterSingletonProxy.Props(coordinatorManagerPath, new ClusterSingletonProxySettings { Role = settings.Role, BufferSize = 100 }),
            "coordinator-proxy");

        Receive<ShardingProtocol.RegisterAck>(OnRegistered);
        Receive<ShardingProtocol.ShardHome>(home => OnShardHome(home.Shard, home.Region));
        Receive<ShardingProtocol.HostShard>(host => OnHostShard(host.Shard));
        Receive<ShardingProtocol.NotRegistered>(_ => OnNotRegistered());
        Receive<RestartShard>(restart => OnRestartShard(restart.Shard));
        Receive<ShardingProtocol.BeginHandOff>(begin =>
        {
            Forget(begin.Shard);
            Sender.Tell(new ShardingProtocol.BeginHandOffAck(begin.Shard), Self);
        });
        Receive<ShardingProtocol.HandOff>(OnHandOff);
        Receive<Terminated>(OnTerminated);
        Receive<RetryTick>(_ => OnRetry());
        Receive<Leave>(_ =>
        {
            _leaveWaiters.Add(Sender);
            StartLeaving();
        });
        Receive<StopAsDowned>(_ =>
        {
            _leaveWaiters.Add(Sender);
            StopAsDownedNode();
        });
        Receive<GetShardRegionState>(_ => AnswerState());
        Receive<GetShardRegionStats>(_ => AnswerStats());
        Receive<GetClusterShardingStats>(get => AnswerClusterStats(get.Timeout));
        Receive<GetCurrentRegions>(_ => AnswerCurrentRegions());
        Receive<GetEntityLocation>(get => AnswerEntityLocation(get.EntityId, get.Timeout));
        Receive<ShardingProtocol.GetEntity>(get =>
        {
            if (_shards.TryGetValue(get.Shard, out var shard))
            {
                shard.Forward(get);
            }
            else
            {
                Sender.Tell(new ShardingProtocol.EntityAt(null), Self);
            }
        });
        ReceiveAny(message => Route(message, Sender));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsProxy => _entityProps is null;

    public static Props Props(
        string typeName,
        Func<string, Props>? entityProps,
        ClusterShardingSettings settings,
        IMessageExtractor extractor,
        object handOffStopMessage,
        string coordinatorManagerPath,
        UniqueAddress self) =>
        Actors.Props.Create(() => new ShardRegion(typeName, entityProps, settings, extractor, handOffStopMessage, coordinatorManagerPath, self));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("retry", RetryTick.Instance, _settings.RetryInterval);
        Register();
    }

    private void Register()
    {
        // A region that has left (it only routes stragglers now) comes back as a proxy, so it gets no shards.
        object registration = IsProxy || _left ? new ShardingProtocol.RegisterProxy(Self, _nodeUid) : new ShardingProtocol.Register(Self, _nodeUid);
        _coordinatorProxy.Tell(registration, Self);
    }

    private void OnRegistered(ShardingProtocol.RegisterAck ack)
    {
        if (!ack.Coordinator.Equals(_coordinator))
        {
            RegionLog.Registered(_log, _typeName, ack.Coordinator.Path.Address);
        }

        _coordinator = ack.Coordinator;
        Context.Watch(_coordinator);
        RequestBufferedHomes();
        if (_leaving)
        {
            AskToLeave();
        }
    }

    private void OnHostShard(string shard)
    {
        OnShardHome(shard, Self);
        if (_shards.ContainsKey(shard))
        {
            // Only a shard that runs is reported: the coordinator tells a region again until it is.
            Sender.Tell(new ShardingProtocol.ShardStarted(shard), Self);
        }
    }

    private void OnNotRegistered()
    {
        if (Sender.Equals(_coordinator))
        {
            RegionLog.NotRegistered(_log, _typeName);
            _coordinator = null;
            Register();
        }
    }

    private void OnRetry()
    {
        if (_coordinator is null)
        {
            Register();
            return;
        }

        RequestBufferedHomes();
        if (_leaving)
        {
            AskToLeave();
        }
    }

    private void RequestBufferedHomes()
    {
        foreach (var shard in _buffers.Keys.Union(_restarting, StringComparer.Ordinal))
        {
            _coordinator?.Tell(new ShardingProtocol.GetShardHome(shard), Self);
        }
    }

    /// <summary>Routes a message for an entity to its shard's home, or holds it until that home is known.</summary>
    private void Route(object message, IActorRef sender)
    {
        var entityId = message is StartEntity start ? start.EntityId : _extractor.EntityId(message);
        if (string.IsNullOrEmpty(entityId))
        {
            RegionLog.NoEntityId(_log, _typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self) { Reason = $"{_typeName}: the message names no entity" }, sender);
            return;
        }

        if (_downed)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self) { Reason = $"{_typeName}: this node was downed; its shards run elsewhere now" }, sender);
            return;
        }

        var shard = _extractor.ShardId(entityId);
        if (_regionByShard.TryGetValue(shard, out var region))
        {
            if (region.Equals(Self))
            {
                DeliverLocally(shard, message, sender);
            }
            else
            {
                region.Tell(message, sender);
            }

            return;
        }

        var first = !_buffers.Contains(shard);
        if (!_buffers.TryAdd(shard, message, sender))
        {
            RegionLog.BufferFull(_log, _typeName, _settings.BufferSize);
            Context.System.DeadLetters.Tell(
                new DeadLetter(message, sender, Self) { Reason = $"{_typeName}: the region holds {_settings.BufferSize} messages waiting for shard homes" },
                sender);
            return;
        }

        if (first)
        {
            _coordinator?.Tell(new ShardingProtocol.GetShardHome(shard), Self);
        }
    }

    private void DeliverLocally(string shard, object message, IActorRef sender)
    {
        if (!_shards.TryGetValue(shard, out var actor))
        {
            actor = StartShard(shard);
        }

        actor.Tell(message, sender);
    }

    private IActorRef StartShard(string shard)
    {
        var actor = Context.ActorOf(
            Shard.Props(_typeName, shard, _entityProps!, _settings, _extractor, _handOffStopMessage),
            ActorNames.Encode(shard));
        Context.Watch(actor);
        _shards[shard] = actor;
        _shardIds[actor] = shard;
        return actor;
    }

    private void OnShardHome(string shard, IActorRef region)
    {
        Forget(shard);
        _restarting.Remove(shard);
        if (region.Equals(Self) && (IsProxy || _leaving))
        {
            // A proxy hosts nothing; a leaving region starts nothing new (a late word from the coordinator must not
            // start a shard that is being moved away): its messages wait until the shard's next home is known.
            return;
        }

        _regionByShard[shard] = region;
        if (!_regions.TryGetValue(region, out var shards))
        {
            _regions[region] = shards = new HashSet<string>(StringComparer.Ordinal);
            if (!region.Equals(Self))
            {
                Context.Watch(region);
            }
        }

        shards.Add(shard);
        if (region.Equals(Self) && !_shards.ContainsKey(shard) && !_downed)
        {
            StartShard(shard);
        }

        foreach (var waiting in _buffers.Take(shard))
        {
            Route(waiting.Message, waiting.Sender);
        }
    }

    /// <summary>Forgets where <paramref name="shard"/> lives: its messages wait until the coordinator says again.</summary>
    private void Forget(string shard)
    {
        if (_regionByShard.Remove(shard, out var region) && _regions.TryGetValue(region, out var shards))
        {
            shards.Remove(shard);
        }
    }

    private void OnHandOff(ShardingProtocol.HandOff handOff)
    {
        Forget(handOff.Shard);
        if (_shards.TryGetValue(handOff.Shard, out var shard))
        {
            // The shard answers the coordinator's worker itself, once its entities have stopped.
            shard.Forward(handOff);
        }
        else
        {
            Sender.Tell(new ShardingProtocol.ShardStopped(handOff.Shard), Self);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        var actor = terminated.ActorRef;
        if (actor.Equals(_coordinator))
        {
            RegionLog.CoordinatorLost(_log, _typeName);
            _coordinator = null;
            Register();
            return;
        }

        if (_shardIds.Remove(actor, out var shard))
        {
            _shards.Remove(shard);
            if (_regionByShard.TryGetValue(shard, out var home) && home.Equals(Self))
            {
                // It stopped without a hand-off (its store failed): ask where it lives before it starts again.
                Forget(shard);
                if (_settings.RememberEntities && !_leaving)
                {
                    // Its remembered entities must run again even if no message comes for them; after a pause, so
                    // a store that keeps failing is not hammered.
                    Timers.StartSingleTimer("restart-" + shard, new RestartShard(shard), _settings.ShardFailureBackoff);
                }
            }

            if (_buffers.Contains(shard))
            {
                _coordinator?.Tell(new ShardingProtocol.GetShardHome(shard), Self);
            }

            StopIfLeftEverything();
            return;
        }

        if (_regions.Remove(actor, out var lost))
        {
            foreach (var gone in lost)
            {
                _regionByShard.Remove(gone);
            }
        }
    }

    /// <summary>
    /// A remembered shard that failed asks for its home again (and on every retry until answered, like a shard with
    /// buffered messages); the answer, this region as a rule, starts it.
    /// </summary>
    private void OnRestartShard(string shard)
    {
        if (_leaving || _shards.ContainsKey(shard) || _regionByShard.ContainsKey(shard))
        {
            return;
        }

        RegionLog.RestartingShard(_log, _typeName, shard);
        _restarting.Add(shard);
        _coordinator?.Tell(new ShardingProtocol.GetShardHome(shard), Self);
    }

    private void StartLeaving()
    {
        if (_leaving)
        {
            StopIfLeftEverything();
            return;
        }

        _leaving = true;
        RegionLog.Leaving(_log, _typeName, _shards.Count);
        AskToLeave();
        StopIfLeftEverything();
    }

    /// <summary>
    /// This node was downed: the rest of the cluster starts its shards elsewhere once the removal margin has passed,
    /// so they stop now, without a hand-off (the coordinator is out of reach, and waiting for it would keep the
    /// entities running past the margin, next to their new incarnations). None starts here again.
    /// </summary>
    private void StopAsDownedNode()
    {
        if (!_downed)
        {
            _downed = true;
            _leaving = true;
            RegionLog.StoppingDowned(_log, _typeName, _shards.Count);
            foreach (var shard in _shards.Values)
            {
                Context.Stop(shard);
            }
        }

        StopIfLeftEverything();
    }

    private void AskToLeave() => _coordinator?.Tell(new ShardingProtocol.GracefulShutdownReq(Self, [.. _shards.Keys]), Self);

    /// <summary>
    /// Once every shard is handed off, the coordinator forgets this region and the shutdown task goes on. The region
    /// itself keeps running until the system stops: messages it holds, and messages other regions sent here before
    /// they learned of a hand-off, still go to the shards' new homes once known, instead of being lost. (Waiting for
    /// those homes here would hold the shutdown for its whole timeout when every member leaves at once.)
    /// </summary>
    private void StopIfLeftEverything()
    {
        if (!_leaving || _shards.Count > 0)
        {
            return;
        }

        // A second request to leave (the shutdown's, after a downed node's stop) is answered like the first.
        if (!_left)
        {
            _left = true;
            _coordinator?.Tell(new ShardingProtocol.RegionStopped(Self), Self);
        }

        foreach (var waiting in _leaveWaiters)
        {
            waiting.Tell(Left.Instance, Self);
        }

        _leaveWaiters.Clear();
    }

    private void AnswerState() =>
        _ = ShardStatesAsync().PipeTo(Sender, Self, states => new CurrentShardRegionState([.. states.OrderBy(state => state.ShardId, StringComparer.Ordinal)]));

    private void AnswerStats() =>
        _ = ShardStatesAsync().PipeTo(Sender, Self, states => new ShardRegionStats(states.ToDictionary(state => state.ShardId, state => state.EntityIds.Count, StringComparer.Ordinal)));

    /// <summary>Every local shard's running entities, each asked once.</summary>
    private Task<ShardState[]> ShardStatesAsync()
    {
        var timeout = _settings.RetryInterval;
        return Task.WhenAll(_shards.Values.Select(shard => shard.Ask<ShardState>(Shard.GetShardState.Instance, timeout)).ToList());
    }

    private void AnswerCurrentRegions()
    {
        var coordinator = _coordinator;
        var replyTo = Sender;
        var selfAddress = _selfAddress;
        _ = RegionsAsync(coordinator, _settings.RetryInterval)
            .PipeTo(replyTo, Self, regions => new CurrentRegions([.. regions.Select(region => RegionAddress.Of(region, selfAddress)).Distinct()]));
    }

    private void AnswerClusterStats(TimeSpan timeout)
    {
        var coordinator = _coordinator;
        var selfAddress = _selfAddress;
        _ = ClusterStatsAsync(coordinator, timeout, selfAddress).PipeTo(Sender, Self);
    }

    private void AnswerEntityLocation(string entityId, TimeSpan timeout)
    {
        var shard = _extractor.ShardId(entityId);
        var region = _regionByShard.GetValueOrDefault(shard);
        var coordinator = _coordinator;
        var selfAddress = _selfAddress;
        _ = EntityLocationAsync(entityId, shard, region, coordinator, timeout, selfAddress).PipeTo(Sender, Self);
    }

    private static async Task<IReadOnlyList<IActorRef>> RegionsAsync(IActorRef? coordinator, TimeSpan timeout)
    {
        if (coordinator is null)
        {
            return [];
        }

        var current = await coordinator.Ask<ShardingProtocol.CurrentRegionRefs>(ShardingProtocol.GetCurrentRegions.Instance, timeout).ConfigureAwait(false);
        return current.Regions;
    }

    private static async Task<ClusterShardingStats> ClusterStatsAsync(IActorRef? coordinator, TimeSpan timeout, Address selfAddress)
    {
        var regions = await RegionsAsync(coordinator, timeout).ConfigureAwait(false);
        var answers = await Task.WhenAll(regions.Select(async region =>
        {
            try
            {
                var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, timeout).ConfigureAwait(false);
                return (Region: region, Stats: (ShardRegionStats?)stats);
            }
            catch (AskTimeoutException)
            {
                return (Region: region, Stats: null);
            }
        })).ConfigureAwait(false);
        return new ClusterShardingStats(answers
            .Where(answer => answer.Stats is not null)
            .ToDictionary(answer => RegionAddress.Of(answer.Region, selfAddress), answer => answer.Stats!));
    }

    private static async Task<EntityLocation> EntityLocationAsync(
        string entityId, string shard, IActorRef? region, IActorRef? coordinator, TimeSpan timeout, Address selfAddress)
    {
        if (region is null && coordinator is not null)
        {
            var home = await coordinator.Ask<ShardingProtocol.ShardAt>(new ShardingProtocol.WhereIsShard(shard), timeout).ConfigureAwait(false);
            region = home.Region;
        }

        if (region is null)
        {
            return new EntityLocation(entityId, shard, null, null);
        }

        try
        {
            var at = await region.Ask<ShardingProtocol.EntityAt>(new ShardingProtocol.GetEntity(shard, entityId), timeout).ConfigureAwait(false);
            return new EntityLocation(entityId, shard, RegionAddress.Of(region, selfAddress), at.Entity);
        }
        catch (AskTimeoutException)
        {
            return new EntityLocation(entityId, shard, RegionAddress.Of(region, selfAddress), null);
        }
    }

    /// <summary>The node is leaving: hand every shard off; answered with <see cref="Left"/> once done.</summary>
    public sealed record Leave
    {
        public static Leave Instance { get; } = new();
    }

    /// <summary>The node was downed: stop every shard at once; answered with <see cref="Left"/> once done.</summary>
    public sealed record StopAsDowned
    {
        public static StopAsDowned Instance { get; } = new();
    }

    /// <summary>The region hosts no shard any more (messages it still holds go on to their homes while it runs).</summary>
    public sealed record Left
    {
        public static Left Instance { get; } = new();
    }

    private sealed record RetryTick
    {
        public static RetryTick Instance { get; } = new();
    }

    private sealed record RestartShard(string Shard);

    private static partial class RegionLog
    {
        [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "{TypeName}: region registered with the coordinator at {Address}")]
        public static partial void Registered(ILogger logger, string typeName, Address address);

        [LoggerMessage(EventId = 821, Level = LogLevel.Warning, Message = "{TypeName}: a {MessageType} names no entity; it is dropped")]
        public static partial void NoEntityId(ILogger logger, string typeName, string messageType);

        [LoggerMessage(EventId = 822, Level = LogLevel.Warning, Message = "{TypeName}: the region holds {Limit} messages waiting for shard homes; more go to dead letters")]
        public static partial void BufferFull(ILogger logger, string typeName, int limit);

        [LoggerMessage(EventId = 823, Level = LogLevel.Information, Message = "{TypeName}: the coordinator is gone; registering with its successor")]
        public static partial void CoordinatorLost(ILogger logger, string typeName);

        [LoggerMessage(EventId = 829, Level = LogLevel.Warning, Message = "{TypeName}: this node was downed; its {Count} shards stop at once, without a hand-off")]
        public static partial void StoppingDowned(ILogger logger, string typeName, int count);

        [LoggerMessage(EventId = 824, Level = LogLevel.Information, Message = "{TypeName}: the region is leaving and hands off its {Count} shards")]
        public static partial void Leaving(ILogger logger, string typeName, int count);

        [LoggerMessage(EventId = 825, Level = LogLevel.Warning, Message = "{TypeName}: the coordinator does not know this region; registering again")]
        public static partial void NotRegistered(ILogger logger, string typeName);

        [LoggerMessage(EventId = 826, Level = LogLevel.Information, Message = "{TypeName}: shard {Shard} stopped on a failure; starting it again with its remembered entities")]
        public static partial void RestartingShard(ILogger logger, string typeName, string shard);
    }
}
