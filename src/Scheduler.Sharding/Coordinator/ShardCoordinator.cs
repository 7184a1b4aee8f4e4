using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.Persistence;
using Scheduler.Sharding.Allocation;
using Scheduler.Sharding.Internal;

namespace Scheduler.Sharding.Coordinator;

/// <summary>
/// Decides where the shards of one entity type live. It runs as a cluster singleton and keeps its decisions in the
/// journal (<c>/sharding/{type}Coordinator</c>), so the next oldest member recovers them when it takes over. Regions
/// register and ask for shard homes; the allocation strategy picks the region for a new shard and the shards to move;
/// a move is a hand-off run by a <see cref="RebalanceWorker"/>. A region whose node was removed loses its shards: at
/// once when the node left, after the removal margin when it was downed (it may still be running until its own side
/// has decided). Two coordinators cannot both write: the journal refuses the stale one, which stops and is started
/// again (recovering what the other wrote) by its backoff supervisor.
/// </summary>
internal sealed partial class ShardCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly string _typeName;
    private readonly ClusterShardingSettings _settings;
    private readonly IShardAllocationStrategy _strategy;
    private readonly Cluster.Cluster _cluster;
    private readonly ILogger _log;

    private readonly HashSet<IActorRef> _leaving = [];
    private readonly HashSet<UniqueAddress> _inRemovalMargin = [];

    // The node incarnation of each region, as it said when it registered (not persisted: regions register again
    // with a new coordinator). A removed member takes only its own regions with it, not those of a new incarnation
    // at the same address that registered meanwhile.
    private readonly Dictionary<IActorRef, long> _nodeUids = [];
    private readonly Dictionary<string, HashSet<IActorRef>> _rebalanceInProgress = new(StringComparer.Ordinal);

    // Shards a region was told to host and has not said it started yet; told again every shard-start-timeout.
    private readonly Dictionary<string, IActorRef> _unstartedHosts = new(StringComparer.Ordinal);

    // The state includes every event persisted so far, stored or not (see Update); _unstored counts the latter.
    private CoordinatorState _state;
    private int _unstored;
    private bool _stopping;
    private int _sinceSnapshot;
    private long _workers;

    public ShardCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy)
    {
        _typeName = typeName;
        _settings = settings;
        _strategy = strategy;
        _cluster = Cluster.Cluster.Get(Context.System);
        _log = Context.System.LoggerFactory.CreateLogger<ShardCoordinator>();
        _state = CoordinatorState.Empty(settings.RememberEntities);
        PersistenceId = $"/sharding/{typeName}Coordinator";

        Recover<SnapshotOffer>(offer => _state = CoordinatorState.FromSnapshot((CoordinatorSnapshot)offer.Snapshot) with { RememberEntities = settings.RememberEntities });
        Recover<CoordinatorEvent>(@event => _state = _state.Updated(@event));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<ShardingProtocol.Register>(register => OnRegister(register.Region, register.NodeUid));
        Command<ShardingProtocol.RegisterProxy>(register => OnRegisterProxy(register.Proxy, register.NodeUid));
        Command<ShardingProtocol.GetShardHome>(get => OnGetShardHome(get.Shard, Sender));
        Command<ShardingProtocol.ShardStarted>(started => OnShardStarted(started.Shard, Sender));
        Command<HostShardAgain>(again => OnHostShardAgain(again.Shard, again.Region));
        Command<ShardingProtocol.WhereIsShard>(where => Sender.Tell(new ShardingProtocol.ShardAt(where.Shard, _state.Shards.GetValueOrDefault(where.Shard)), Self));
        Command<ShardingProtocol.GetCurrentRegions>(_ => Sender.Tell(new ShardingProtocol.CurrentRegionRefs([.. _state.Regions.Keys]), Self));
        Command<ShardingProtocol.GracefulShutdownReq>(request => OnGracefulShutdown(request.Region, request.Hosted));
        Command<ShardingProtocol.RegionStopped>(stopped => RegionGone(stopped.Region));
        Command<RebalanceWorker.RebalanceDone>(OnRebalanceDone);
        Command<RebalanceTick>(_ => OnRebalanceTick());
        Command<Terminated>(OnTerminated);
        Command<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Command<RemovalMarginOver>(over => OnRemovalMarginOver(over.Node));
        Command<ClusterEvent>(_ => { });
        Command<CurrentClusterState>(_ => { });
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure => CoordinatorLog.SnapshotFailed(_log, _typeName, failure.Cause));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>How long after a downed node's removal its regions count as gone (see <c>ClusterSettings.DownRemovalMargin</c>).</summary>
    private TimeSpan RemovalMargin => _cluster.Settings.DownRemovalMargin;

    public static Props Props(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy) =>
        Actors.Props.Create(() => new ShardCoordinator(typeName, settings, strategy));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnRecovered()
    {
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));
        var members = _cluster.State.Members.Select(member => member.Address).ToHashSet();
        var gone = _state.Regions.Keys.Concat(_state.RegionProxies).Where(region => !members.Contains(AddressOf(region))).ToList();
        foreach (var region in _state.Regions.Keys.Concat(_state.RegionProxies).Except(gone))
        {
            Context.Watch(region);
        }

        CoordinatorLog.Recovered(_log, _typeName, _state.Regions.Count, _state.Shards.Count, gone.Count);
        foreach (var region in gone)
        {
            RegionGone(region);
        }

        Timers.StartPeriodicTimer("rebalance", RebalanceTick.Instance, _settings.RebalanceInterval);
        AllocateRememberedShards();
    }

    private void OnRegister(IActorRef region, long nodeUid)
    {
        ForgetEarlierIncarnations(region);
        _nodeUids[region] = nodeUid;
        if (_state.Regions.ContainsKey(region))
        {
            // A region recovered from the journal registers again: now its incarnation is known, it may take shards.
            region.Tell(new ShardingProtocol.RegisterAck(Self), Self);
            AllocateRememberedShards();
            return;
        }

        Update(new CoordinatorEvent.RegionRegistered(region), () =>
        {
            CoordinatorLog.RegionRegistered(_log, _typeName, region.Path.Address);
            Context.Watch(region);
            region.Tell(new ShardingProtocol.RegisterAck(Self), Self);
            AllocateRememberedShards();
        });
    }

    private void OnRegisterProxy(IActorRef proxy, long nodeUid)
    {
        ForgetEarlierIncarnations(proxy);
        if (_state.Regions.ContainsKey(proxy))
        {
            // A region that left comes back as a proxy to route its stragglers; it must not stay a home for shards.
            RegionGone(proxy);
        }

        _nodeUids[proxy] = nodeUid;
        if (_state.RegionProxies.Contains(proxy))
        {
            proxy.Tell(new ShardingProtocol.RegisterAck(Self), Self);
            return;
        }

        Update(new CoordinatorEvent.RegionProxyRegistered(proxy), () =>
        {
            Context.Watch(proxy);
            proxy.Tell(new ShardingProtocol.RegisterAck(Self), Self);
        });
    }

    /// <summary>
    /// A region or proxy registers from a node where another one of this type was registered: that one belonged to an
    /// earlier incarnation of the node (one region per type per node, and the address cannot be bound twice), so it
    /// is gone, and its shards must not stay allocated to a dead ref until the old member's removal is seen.
    /// </summary>
    private void ForgetEarlierIncarnations(IActorRef registering)
    {
        var address = AddressOf(registering);
        var earlier = _state.Regions.Keys.Concat(_state.RegionProxies)
            .Where(known => !known.Equals(registering) && AddressOf(known).Equals(address))
            .ToList();
        foreach (var region in earlier)
        {
            CoordinatorLog.ReplacedIncarnation(_log, _typeName, address);
            RegionGone(region);
        }
    }

    private void OnGetShardHome(string shard, IActorRef requester)
    {
        if (!_state.Regions.ContainsKey(requester) && !_state.RegionProxies.Contains(requester))
        {
            // A region this coordinator took for gone (or never knew) must register again before it routes: its
            // answer would otherwise be built on a registration that no longer exists.
            requester.Tell(ShardingProtocol.NotRegistered.Instance, Self);
            return;
        }

        if (_rebalanceInProgress.TryGetValue(shard, out var waiting))
        {
            // Answered once the hand-off is over, with the shard's new home.
            waiting.Add(requester);
            return;
        }

        if (_state.Shards.TryGetValue(shard, out var home))
        {
            // A home on a downed node still within the removal margin is not given out: messages sent there would be
            // lost, while a requester that waits asks again and learns the shard's next home once the margin is over.
            if (!InRemovalMargin(home))
            {
                requester.Tell(new ShardingProtocol.ShardHome(shard, home), Self);
            }

            return;
        }

        Allocate(shard, [requester]);
    }

    /// <summary>Gives <paramref name="shard"/> a home, tells that region to host it and every requester where it is.</summary>
    private void Allocate(string shard, IReadOnlyCollection<IActorRef> requesters)
    {
        if (_state.Shards.TryGetValue(shard, out var home))
        {
            // Another handler of the same batch allocated it first (the state runs ahead of the journal; see Update).
            TellHome(shard, home, requesters);
            return;
        }

        var candidates = AvailableAllocations();
        if (candidates.Count == 0)
        {
            // Nobody can take it now; regions ask again every retry interval.
            return;
        }

        var region = _strategy.AllocateShard(requesters.FirstOrDefault() ?? Self, shard, candidates);
        if (!candidates.ContainsKey(region))
        {
            CoordinatorLog.BadAllocation(_log, _typeName, shard, region.Path.ToString());
            return;
        }

        Update(new CoordinatorEvent.ShardHomeAllocated(shard, region), () =>
        {
            CoordinatorLog.Allocated(_log, _typeName, shard, region.Path.Address);
            HostShard(shard, region);
            TellHome(shard, region, requesters);
        });
    }

    private void TellHome(string shard, IActorRef home, IEnumerable<IActorRef> requesters)
    {
        foreach (var requester in requesters)
        {
            requester.Tell(new ShardingProtocol.ShardHome(shard, home), Self);
        }
    }

    /// <summary>Tells <paramref name="region"/> to host <paramref name="shard"/>, and again later until it says it started it.</summary>
    private void HostShard(string shard, IActorRef region)
    {
        _unstartedHosts[shard] = region;
        region.Tell(new ShardingProtocol.HostShard(shard), Self);
        Timers.StartSingleTimer("host-" + shard, new HostShardAgain(shard, region), _settings.ShardStartTimeout);
    }

    private void OnShardStarted(string shard, IActorRef region)
    {
        if (_unstartedHosts.TryGetValue(shard, out var told) && told.Equals(region))
        {
            StopTellingAgain(shard);
        }
    }

    private void StopTellingAgain(string shard)
    {
        _unstartedHosts.Remove(shard);
        Timers.Cancel("host-" + shard);
    }

    /// <summary>
    /// The region did not say it started the shard: the word may have been lost. Without this a shard allocated while
    /// no message waits for it (a remembered one) would stay allocated and never run.
    /// </summary>
    private void OnHostShardAgain(string shard, IActorRef region)
    {
        if (!_unstartedHosts.TryGetValue(shard, out var told) || !told.Equals(region))
        {
            return;
        }

        if (_state.Shards.TryGetValue(shard, out var home) && home.Equals(region)
            && !_rebalanceInProgress.ContainsKey(shard) && !_leaving.Contains(region))
        {
            CoordinatorLog.HostingAgain(_log, _typeName, shard, region.Path.Address, _settings.ShardStartTimeout);
            HostShard(shard, region);
        }
        else
        {
            // It moved, is moving, or its region is gone or leaving: telling it again could start it twice.
            _unstartedHosts.Remove(shard);
        }
    }

    /// <summary>With remember-entities, shards whose entities must run again get a home without waiting for a message.</summary>
    private void AllocateRememberedShards()
    {
        foreach (var shard in _state.UnallocatedShards.Where(shard => !_rebalanceInProgress.ContainsKey(shard)).ToList())
        {
            Allocate(shard, []);
        }
    }

    /// <summary>The regions that may take shards now, with the shards they hold.</summary>
    private Dictionary<IActorRef, IReadOnlyList<string>> AvailableAllocations()
    {
        var state = _cluster.State;
        var up = state.Members
            .Where(member => member.Status == MemberStatus.Up && !state.Unreachable.Contains(member))
            .ToDictionary(member => member.Address, member => member.UniqueAddress.Uid);

        // A region whose registration named another incarnation than the member now Up at its address is a dead
        // one's; a region recovered from the journal that has not registered again is taken at its address's word.
        return _state.Regions
            .Where(pair => !_leaving.Contains(pair.Key)
                && up.TryGetValue(AddressOf(pair.Key), out var uid)
                && (!_nodeUids.TryGetValue(pair.Key, out var said) || said == uid))
            .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value);
    }

    private void OnRebalanceTick()
    {
        AllocateRememberedShards();
        var slots = _settings.MaxSimultaneousRebalance - _rebalanceInProgress.Count;
        if (slots <= 0)
        {
            return;
        }

        var moving = _strategy.Rebalance(AvailableAllocations(), _rebalanceInProgress.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (var shard in moving.Order(StringComparer.Ordinal).Take(slots))
        {
            StartHandOff(shard);
        }
    }

    /// <summary>Moves <paramref name="shard"/> off <paramref name="from"/> (by default the region the state says holds it).</summary>
    private void StartHandOff(string shard, IActorRef? from = null)
    {
        from ??= _state.Shards.GetValueOrDefault(shard);
        if (from is null || _rebalanceInProgress.ContainsKey(shard))
        {
            return;
        }

        CoordinatorLog.HandingOff(_log, _typeName, shard, from.Path.Address);
        _rebalanceInProgress[shard] = [];
        StopTellingAgain(shard);

        IActorRef[] everyone = [.. _state.Regions.Keys, .. _state.RegionProxies];
        Context.ActorOf(RebalanceWorker.Props(shard, from, everyone, _settings.HandOffTimeout), $"rebalance-{++_workers}");
    }

    private void OnRebalanceDone(RebalanceWorker.RebalanceDone done)
    {
        if (!_rebalanceInProgress.Remove(done.Shard, out var waiting))
        {
            return;
        }

        if (!done.Ok)
        {
            // The shard stays where it was; whoever asked meanwhile learns that.
            CoordinatorLog.HandOffTimedOut(_log, _typeName, done.Shard, _settings.HandOffTimeout);
            if (_state.Shards.TryGetValue(done.Shard, out var home))
            {
                TellHome(done.Shard, home, waiting);
            }

            return;
        }

        if (!_state.Shards.ContainsKey(done.Shard))
        {
            // Its region is gone and took the allocation with it.
            AllocateAfterHandOff(done.Shard, waiting);
            return;
        }

        Update(new CoordinatorEvent.ShardHomeDeallocated(done.Shard), () => AllocateAfterHandOff(done.Shard, waiting));
    }

    /// <summary>
    /// A handed-off shard gets its new home at once, not on its next message: otherwise an idle cluster would keep
    /// moving shards off the full regions (the strategy sees them unallocated, not on the new region) and allocate
    /// nothing to the empty one.
    /// </summary>
    private void AllocateAfterHandOff(string shard, HashSet<IActorRef> waiting) => Allocate(shard, waiting);

    /// <summary>
    /// A region leaves: each of its shards is handed off (again on every repeat of the request, for hand-offs that
    /// timed out). Shards it reports but this coordinator never allocated (one that started without its history)
    /// are handed off too, so the region is never left holding them.
    /// </summary>
    private void OnGracefulShutdown(IActorRef region, IReadOnlyList<string> hosted)
    {
        if (!_state.Regions.TryGetValue(region, out var shards))
        {
            return;
        }

        if (_leaving.Add(region))
        {
            CoordinatorLog.RegionLeaving(_log, _typeName, region.Path.Address, shards.Count);
        }

        foreach (var shard in shards.Union(hosted.Where(shard => !_state.Shards.ContainsKey(shard)), StringComparer.Ordinal))
        {
            StartHandOff(shard, region);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        // A region on a downed node is dealt with when the node is removed, after the margin (OnMemberRemoved).
        if (InRemovalMargin(terminated.ActorRef))
        {
            return;
        }

        RegionGone(terminated.ActorRef);
    }

    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        var node = removed.Member.UniqueAddress;
        if (removed.PreviousStatus == MemberStatus.Down && RemovalMargin > TimeSpan.Zero)
        {
            _inRemovalMargin.Add(node);
            Timers.StartSingleTimer("margin-" + node, new RemovalMarginOver(node), RemovalMargin);
            return;
        }

        RegionsGoneAt(node);
    }

    private void OnRemovalMarginOver(UniqueAddress node)
    {
        _inRemovalMargin.Remove(node);
        RegionsGoneAt(node);
    }

    /// <summary>Whether <paramref name="region"/> runs on a downed node whose removal margin is not over yet.</summary>
    private bool InRemovalMargin(IActorRef region)
    {
        if (_inRemovalMargin.Count == 0)
        {
            return false;
        }

        var address = AddressOf(region);
        var known = _nodeUids.TryGetValue(region, out var uid);
        return _inRemovalMargin.Any(node => node.Address.Equals(address) && (!known || node.Uid == uid));
    }

    private void RegionsGoneAt(UniqueAddress node)
    {
        // A region whose incarnation is unknown (recovered, not registered again yet) is taken to be the removed one.
        var gone = _state.Regions.Keys.Concat(_state.RegionProxies)
            .Where(region => AddressOf(region).Equals(node.Address) && (!_nodeUids.TryGetValue(region, out var uid) || uid == node.Uid))
            .ToList();
        foreach (var region in gone)
        {
            RegionGone(region);
        }
    }

    /// <summary>A region is gone for good: its shards live nowhere now (and with remember-entities get a new home).</summary>
    private void RegionGone(IActorRef region)
    {
        if (_state.Regions.TryGetValue(region, out var shards))
        {
            Update(new CoordinatorEvent.RegionTerminated(region), () =>
            {
                CoordinatorLog.RegionGone(_log, _typeName, region.Path.Address, shards.Count);
                _leaving.Remove(region);
                _nodeUids.Remove(region);
                Context.Unwatch(region);
                AllocateRememberedShards();
            });
        }
        else if (_state.RegionProxies.Contains(region))
        {
            Update(new CoordinatorEvent.RegionProxyTerminated(region), () =>
            {
                _nodeUids.Remove(region);
                Context.Unwatch(region);
            });
        }
    }

    /// <summary>
    /// Applies <paramref name="event"/> at once and stores it; <paramref name="then"/> runs once it is stored. The
    /// state moves on before the write, not after it: the handlers of one stored batch run before the events they
    /// persist are written, so a state that waited for the write would let two of them (two regions found gone at
    /// recovery) allocate one shard twice, and would make every pick of one round against the same stale counts. A
    /// failed write stops this actor, and a rejected one too (see <see cref="OnPersistRejected"/>): recovery then
    /// shows what was really stored. Snapshots are taken only when nothing applied is still unstored.
    /// </summary>
    private void Update(CoordinatorEvent @event, Action then)
    {
        if (_stopping)
        {
            // A write was refused: this actor stops after the batch, and nothing more may reach the journal.
            return;
        }

        _state = _state.Updated(@event);
        _unstored++;
        Persist(@event, _ =>
        {
            _unstored--;
            then();
            if (++_sinceSnapshot >= _settings.SnapshotAfter && _unstored == 0)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(_state.ToSnapshot());
            }
        });
    }

    /// <summary>The state already holds the event the journal refused; start again from what was stored.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _stopping = true;
        Context.Stop(Self);
    }

    private Address AddressOf(IActorRef region) => RegionAddress.Of(region, _cluster.SelfAddress);

    private sealed record RebalanceTick
    {
        public static RebalanceTick Instance { get; } = new();
    }

    private sealed record RemovalMarginOver(UniqueAddress Node);

    private sealed record HostShardAgain(string Shard, IActorRef Region);

    private static partial class CoordinatorLog
    {
        [LoggerMessage(EventId = 840, Level = LogLevel.Information, Message = "{TypeName}: coordinator recovered {Regions} regions and {Shards} shards; {Gone} regions are gone")]
        public static partial void Recovered(ILogger logger, string typeName, int regions, int shards, int gone);

        [LoggerMessage(EventId = 841, Level = LogLevel.Information, Message = "{TypeName}: region at {Address} registered")]
        public static partial void RegionRegistered(ILogger logger, string typeName, Address address);

        [LoggerMessage(EventId = 842, Level = LogLevel.Debug, Message = "{TypeName}: shard {Shard} allocated to {Address}")]
        public static partial void Allocated(ILogger logger, string typeName, string shard, Address address);

        [LoggerMessage(EventId = 843, Level = LogLevel.Error, Message = "{TypeName}: the allocation strategy chose {Region} for shard {Shard}, which may not take shards now")]
        public static partial void BadAllocation(ILogger logger, string typeName, string shard, string region);

        [LoggerMessage(EventId = 844, Level = LogLevel.Information, Message = "{TypeName}: shard {Shard} hands off from {Address}")]
        public static partial void HandingOff(ILogger logger, string typeName, string shard, Address address);

        [LoggerMessage(EventId = 845, Level = LogLevel.Warning, Message = "{TypeName}: the hand-off of shard {Shard} did not end within {Timeout}; it stays where it was")]
        public static partial void HandOffTimedOut(ILogger logger, string typeName, string shard, TimeSpan timeout);

        [LoggerMessage(EventId = 846, Level = LogLevel.Information, Message = "{TypeName}: region at {Address} is leaving; handing off its {Count} shards")]
        public static partial void RegionLeaving(ILogger logger, string typeName, Address address, int count);

        [LoggerMessage(EventId = 847, Level = LogLevel.Warning, Message = "{TypeName}: region at {Address} is gone with its {Count} shards")]
        public static partial void RegionGone(ILogger logger, string typeName, Address address, int count);

        [LoggerMessage(EventId = 848, Level = LogLevel.Warning, Message = "{TypeName}: the coordinator could not save a snapshot")]
        public static partial void SnapshotFailed(ILogger logger, string typeName, Exception exception);

        [LoggerMessage(EventId = 849, Level = LogLevel.Information, Message = "{TypeName}: a new incarnation of the node at {Address} registered; the earlier one's region is gone")]
        public static partial void ReplacedIncarnation(ILogger logger, string typeName, Address address);

        [LoggerMessage(EventId = 850, Level = LogLevel.Warning, Message = "{TypeName}: region at {Address} did not say it started shard {Shard} within {Timeout}; telling it again")]
        public static partial void HostingAgain(ILogger logger, string typeName, string shard, Address address, TimeSpan timeout);
    }
}
