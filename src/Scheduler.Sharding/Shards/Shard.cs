using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Sharding.Extraction;
using Scheduler.Sharding.Internal;

namespace Scheduler.Sharding.Shards;

/// <summary>
/// One shard in its region: it starts the shard's entities as children (one per entity id), delivers their
/// messages, passivates them (on request or when idle) without losing what arrives meanwhile, and on hand-off stops
/// them all with the hand-off stop message (each finishes its mailbox first) before it reports the shard stopped.
/// With remember-entities, a child store keeps which entities run, and they start again when the shard does.
/// </summary>
internal sealed partial class Shard : ReceiveActor, IWithTimers, IWithStash
{
    private readonly string _typeName;
    private readonly string _shardId;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly ILogger _log;

    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, TimeSpan> _lastMessage = new(StringComparer.Ordinal);
    private readonly HashSet<string> _passivating = new(StringComparer.Ordinal);
    private readonly MessageBuffers _waiting;
    private const string StoreStopsTimer = "store-stops";

    // Remember-entities: what the store holds, and the writes under way (an entity waits for its start to be stored).
    // One update is in flight at a time; the starts that come meanwhile wait in the pending set and go together as the
    // next update, so a busy shard writes one journal row per batch instead of one per entity. Stops wait longer:
    // nobody waits for one, so a stop goes with the next start's update, or after remember-entities-stop-delay.
    private readonly IActorRef? _store;
    private readonly HashSet<string> _writing = new(StringComparer.Ordinal);
    // Entities started while their start is being stored: they recover meanwhile, and get their messages once it is.
    private readonly HashSet<string> _unconfirmed = new(StringComparer.Ordinal);
    private HashSet<string> _pendingStarts = new(StringComparer.Ordinal);
    private HashSet<string> _pendingStops = new(StringComparer.Ordinal);
    private bool _updating;
    private bool _stopsDue;
    private readonly Dictionary<string, List<IActorRef>> _startAcks = new(StringComparer.Ordinal);
    private readonly Queue<string> _toRecover = new();
    private readonly HashSet<string> _remembered = new(StringComparer.Ordinal);

    private IActorRef? _handOffReplyTo;
    private bool _handOffTimedOut;
    private TimeSpan? _lastRecovery;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage)
    {
        _typeName = typeName;
        _shardId = shardId;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _waiting = new MessageBuffers(settings.BufferSize);
        _log = Context.System.LoggerFactory.CreateLogger<Shard>();
        if (settings.RememberEntities)
        {
            _store = Context.ActorOf(RememberEntitiesStore.Props(typeName, shardId, settings.SnapshotAfter), "store");
            Context.Watch(_store);
            WaitingForRemembered();
        }
        else
        {
            Active();
        }
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    private TimeSpan Now => Context.System.Now;

    private bool HandingOff => _handOffReplyTo is not null;

    public static Props Props(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage) =>
        Actors.Props.Create(() => new Shard(typeName, shardId, entityProps, settings, extractor, handOffStopMessage));

    protected override void PreStart()
    {
        if (_settings.PassivateIdleEntityAfter is { } idle && !_settings.RememberEntities)
        {
            Timers.StartPeriodicTimer("idle", IdleCheck.Instance, idle / 2);
        }
    }

    private void WaitingForRemembered()
    {
        Receive<RememberEntitiesStore.Remembered>(remembered =>
        {
            _remembered.Clear();
            _remembered.UnionWith(remembered.Entities);
            foreach (var id in remembered.Entities.Order(StringComparer.Ordinal))
            {
                _toRecover.Enqueue(id);
            }

            ShardLog.Recovering(_log, _typeName, _shardId, _toRecover.Count);
            if (_settings.EntityRecoveryRate is null)
            {
                RecoverNext(int.MaxValue);
            }
            else
            {
                Timers.StartPeriodicTimer("recover", RecoverTick.Instance, _settings.EntityRecoveryFrequency);
            }

            Become(Active);
            Stash.UnstashAll();
        });
        Receive<Terminated>(_ => StoreStopped(), terminated => terminated.ActorRef.Equals(_store));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Active()
    {
        Receive<RecoverTick>(_ => OnRecoverTick());
        Receive<RememberEntitiesStore.Updated>(OnStored);
        Receive<Passivate>(OnPassivate);
        Receive<Terminated>(OnTerminated);
        Receive<ShardingProtocol.HandOff>(OnHandOff);
        Receive<HandOffTimedOut>(_ =>
        {
            _handOffTimedOut = true;
            StopRemainingEntities();
            FinishHandOffWhenEmpty();
        });
        Receive<IdleCheck>(_ => PassivateIdle());
        Receive<RestartEntity>(restart => StartIfRemembered(restart.EntityId));
        Receive<StoreStops>(_ =>
        {
            _stopsDue = true;
            WriteRemembered();
        });
        Receive<GetShardState>(_ => Sender.Tell(new ShardState(_shardId, [.. _entities.Keys.Order(StringComparer.Ordinal)]), Self));
        Receive<ShardingProtocol.GetEntity>(get => Sender.Tell(new ShardingProtocol.EntityAt(_entities.GetValueOrDefault(get.EntityId)), Self));
        Receive<StartEntity>(start => OnStartEntity(start.EntityId, Sender));
        ReceiveAny(message => Deliver(message, Sender));
    }

    private void Deliver(object message, IActorRef sender)
    {
        if (HandingOff)
        {
            // The region forgot this shard before the hand-off began; whatever still arrives goes back to be routed anew.
            Context.Parent.Tell(message, sender);
            return;
        }

        var id = _extractor.EntityId(message);
        if (string.IsNullOrEmpty(id))
        {
            ShardLog.NoEntityId(_log, _typeName, message.GetType().Name);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self) { Reason = "the message names no entity" }, sender);
            return;
        }

        if (_entities.TryGetValue(id, out var entity) && Reachable(id))
        {
            _lastMessage[id] = Now;
            entity.Tell(_extractor.EntityMessage(message), sender);
            return;
        }

        // Passivating, or its start still being stored: the message waits for the next incarnation.
        if (!_waiting.TryAdd(id, message, sender))
        {
            BufferFull(message, sender);
            return;
        }

        if (!_entities.ContainsKey(id))
        {
            StartEntity(id);
        }
    }

    private void OnStartEntity(string id, IActorRef requester)
    {
        if (HandingOff)
        {
            // As any message in a hand-off (Deliver): started here, the entity would run beside its next home's, and
            // a start stored here would be started there too. The region routes it to the new home, which answers.
            Context.Parent.Tell(new StartEntity(id), requester);
            return;
        }

        // A start asked for with no sender (an entity asking to be started again as it passivates) gets no answer.
        var answer = !requester.Equals(Context.System.DeadLetters);
        if (_entities.ContainsKey(id) && Reachable(id))
        {
            if (answer)
            {
                requester.Tell(new StartEntityAck(id, _shardId), Self);
            }

            return;
        }

        if (!_startAcks.TryGetValue(id, out var acks))
        {
            _startAcks[id] = acks = [];
        }

        if (answer)
        {
            acks.Add(requester);
        }

        if (!_entities.ContainsKey(id))
        {
            StartEntity(id);
        }
    }

    /// <summary>A running entity that may have its messages now: not passivating, and its start stored.</summary>
    private bool Reachable(string id) => !_passivating.Contains(id) && !_unconfirmed.Contains(id);

    /// <summary>
    /// Starts an entity that is not running. With remember-entities, one not remembered yet starts at once and
    /// recovers while its start is being stored, but gets its messages only once it is (<see cref="OnStored"/>): a
    /// new entity pays for the two round trips to the journal side by side instead of one after the other.
    /// </summary>
    private void StartEntity(string id)
    {
        if (_writing.Contains(id))
        {
            // A write about it is under way; what it needs is decided when the write is stored (OnStored).
            return;
        }

        if (_store is null || _remembered.Contains(id))
        {
            // A stop not sent to the store yet is dropped: the store still has the entity started.
            _pendingStops.Remove(id);
            CreateEntity(id);
            return;
        }

        _writing.Add(id);
        _pendingStarts.Add(id);
        WriteRemembered();
        if (!HandingOff)
        {
            SpawnEntity(id);
            _unconfirmed.Add(id);
        }
    }

    /// <summary>
    /// Sends the pending starts and stops to the store as one update, unless one is in flight already; stops alone
    /// wait until they are due (the delay passed, or the shard hands off). Every pending start calls this, so a
    /// pending start means an update is in flight (<c>_updating</c>); so does a pending stop during a hand-off.
    /// </summary>
    private void WriteRemembered()
    {
        var stopsDue = (_stopsDue || HandingOff) && _pendingStops.Count > 0;
        if (_updating || (_pendingStarts.Count == 0 && !stopsDue))
        {
            return;
        }

        _updating = true;
        _stopsDue = false;
        Timers.Cancel(StoreStopsTimer);
        _writing.UnionWith(_pendingStops);
        _store!.Tell(new RememberEntitiesStore.Update(_pendingStarts, _pendingStops), Self);
        _pendingStarts = new HashSet<string>(StringComparer.Ordinal);
        _pendingStops = new HashSet<string>(StringComparer.Ordinal);
    }

    private void CreateEntity(string id) => Release(id, SpawnEntity(id));

    private IActorRef SpawnEntity(string id)
    {
        var entity = Context.ActorOf(_entityProps(id), ActorNames.Encode(id));
        Context.Watch(entity);
        _entities[id] = entity;
        _ids[entity] = id;
        _lastMessage[id] = Now;
        return entity;
    }

    /// <summary>Gives a started entity the messages that waited for it, and tells who asked for its start.</summary>
    private void Release(string id, IActorRef entity)
    {
        foreach (var waiting in _waiting.Take(id))
        {
            entity.Tell(_extractor.EntityMessage(waiting.Message), waiting.Sender);
        }

        if (_startAcks.Remove(id, out var acks))
        {
            foreach (var requester in acks)
            {
                requester.Tell(new StartEntityAck(id, _shardId), Self);
            }
        }
    }

    private void OnStored(RememberEntitiesStore.Updated updated)
    {
        _updating = false;
        _remembered.UnionWith(updated.Started);
        _remembered.ExceptWith(updated.Stopped);
        foreach (var id in updated.Started)
        {
            _writing.Remove(id);
            var unconfirmed = _unconfirmed.Remove(id);
            if (_entities.TryGetValue(id, out var entity))
            {
                // Started as the write began. One that asked to passivate meanwhile keeps what waits for it: those
                // messages go to its next incarnation, which its death starts (OnTerminated), not behind its stop.
                if (unconfirmed && !_passivating.Contains(id) && !HandingOff)
                {
                    Release(id, entity);
                }
            }
            else if (!HandingOff)
            {
                CreateEntity(id);
            }
        }

        foreach (var id in updated.Stopped)
        {
            _writing.Remove(id);
            if (_waiting.Contains(id) || _startAcks.ContainsKey(id))
            {
                // Messages came while its stop was being stored: it starts again, and that is stored too.
                StartEntity(id);
            }
        }

        WriteRemembered();
        if (HandingOff)
        {
            FinishHandOffWhenEmpty();
        }
    }

    private void OnPassivate(Passivate passivate)
    {
        if (!_ids.TryGetValue(Sender, out var id) || HandingOff)
        {
            return;
        }

        if (_passivating.Add(id))
        {
            ShardLog.Passivating(_log, _typeName, id);
            Sender.Tell(passivate.StopMessage, Self);
        }
    }

    private void PassivateIdle()
    {
        var now = Now;
        var idle = _settings.PassivateIdleEntityAfter.GetValueOrDefault();
        foreach (var (id, entity) in _entities)
        {
            if (!_passivating.Contains(id) && now - _lastMessage.GetValueOrDefault(id) >= idle)
            {
                _passivating.Add(id);
                entity.Tell(_handOffStopMessage, Self);
            }
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_store))
        {
            StoreStopped();
            return;
        }

        if (!_ids.Remove(terminated.ActorRef, out var id))
        {
            return;
        }

        _entities.Remove(id);
        _lastMessage.Remove(id);
        var passivated = _passivating.Remove(id);
        var unconfirmed = _unconfirmed.Remove(id);
        if (HandingOff)
        {
            FinishHandOffWhenEmpty();
            return;
        }

        if (unconfirmed || _waiting.Contains(id) || _startAcks.ContainsKey(id))
        {
            // Messages arrived while it passivated: they go to its next incarnation (still remembered, if remembering).
            // One whose start is still being stored starts again when it is (OnStored).
            StartEntity(id);
        }
        else if (passivated && _store is not null)
        {
            _pendingStops.Add(id);
            if (!Timers.IsTimerActive(StoreStopsTimer))
            {
                Timers.StartSingleTimer(StoreStopsTimer, StoreStops.Instance, _settings.RememberEntitiesStopDelay);
            }
        }
        else if (!passivated && _remembered.Contains(id))
        {
            // A remembered entity stopped by itself: it should be running, so it starts again after a pause.
            Timers.StartSingleTimer("restart-" + id, new RestartEntity(id), _settings.EntityRestartBackoff);
        }
    }

    private void StartIfRemembered(string id)
    {
        if (!HandingOff && _remembered.Contains(id) && !_entities.ContainsKey(id) && !_writing.Contains(id) && !_pendingStops.Contains(id))
        {
            CreateEntity(id);
        }
    }

    // The constant-rate strategy: a few entities per tick. Ticks that a busy machine delivers bunched together (the
    // timer's callbacks wait for a thread) would start several batches at once; a tick that comes less than half a
    // period after the last batch is skipped, so batches stay apart and the rest wait for the next tick.
    private void OnRecoverTick()
    {
        if (_lastRecovery is { } last && Now - last < _settings.EntityRecoveryFrequency / 2)
        {
            return;
        }

        _lastRecovery = Now;
        RecoverNext(_settings.EntityRecoveryRate ?? int.MaxValue);
    }

    private void RecoverNext(int count)
    {
        for (var started = 0; started < count && _toRecover.TryDequeue(out var id); started++)
        {
            StartIfRemembered(id);
        }

        if (_toRecover.Count == 0)
        {
            Timers.Cancel("recover");
        }
    }

    private void OnHandOff(ShardingProtocol.HandOff handOff)
    {
        if (HandingOff)
        {
            return;
        }

        _handOffReplyTo = Sender;
        Timers.Cancel("idle");
        Timers.Cancel("recover");
        ShardLog.HandingOff(_log, _typeName, _shardId, _entities.Count);

        // Messages held for passivating entities go back to the region, which holds them until the shard's new home
        // is known; then every entity gets the stop message after whatever is already in its mailbox.
        foreach (var id in _waiting.Keys.ToList())
        {
            foreach (var waiting in _waiting.Take(id))
            {
                Context.Parent.Tell(waiting.Message, waiting.Sender);
            }
        }

        foreach (var entity in _entities.Values)
        {
            entity.Tell(_handOffStopMessage, Self);
        }

        Timers.StartSingleTimer("hand-off", HandOffTimedOut.Instance, _settings.HandOffTimeout / 2);

        // Stops still waiting for their delay are stored now, or the next home would start those entities again.
        WriteRemembered();
        FinishHandOffWhenEmpty();
    }

    private void StopRemainingEntities()
    {
        if (_entities.Count == 0)
        {
            return;
        }

        ShardLog.HandOffStopTimedOut(_log, _typeName, _shardId, _entities.Count, _settings.HandOffTimeout / 2);
        foreach (var entity in _entities.Values)
        {
            Context.Stop(entity);
        }
    }

    private void FinishHandOffWhenEmpty()
    {
        if (_entities.Count > 0)
        {
            return;
        }

        // Starts and stops not stored yet are stored first, or the shard's next home would start entities that
        // passivated here; a store that has not answered by the hand-off timer is not waited for.
        if (!_handOffTimedOut && _updating)
        {
            return;
        }

        _handOffReplyTo!.Tell(new ShardingProtocol.ShardStopped(_shardId), Self);
        Context.Stop(Self);
    }

    private void StoreStopped()
    {
        // The store failed a write (another incarnation of this shard wrote first, or the journal is down): this
        // shard cannot keep its promise about which entities run, so it stops and is started afresh on demand.
        ShardLog.StoreStopped(_log, _typeName, _shardId);
        Context.Stop(Self);
    }

    private void BufferFull(object message, IActorRef sender)
    {
        ShardLog.BufferFull(_log, _typeName, _shardId, _settings.BufferSize);
        Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self) { Reason = $"shard {_shardId} holds {_settings.BufferSize} messages already" }, sender);
    }

    /// <summary>The region asks for the shard's running entities.</summary>
    public sealed record GetShardState
    {
        public static GetShardState Instance { get; } = new();
    }

    private sealed record IdleCheck
    {
        public static IdleCheck Instance { get; } = new();
    }

    private sealed record RecoverTick
    {
        public static RecoverTick Instance { get; } = new();
    }

    private sealed record HandOffTimedOut
    {
        public static HandOffTimedOut Instance { get; } = new();
    }

    private sealed record RestartEntity(string EntityId);

    private sealed record StoreStops
    {
        public static StoreStops Instance { get; } = new();
    }

    private static partial class ShardLog
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "{TypeName}: a {MessageType} names no entity; it is dropped")]
        public static partial void NoEntityId(ILogger logger, string typeName, string messageType);

        [LoggerMessage(EventId = 801, Level = LogLevel.Debug, Message = "{TypeName}: entity {EntityId} passivates")]
        public static partial void Passivating(ILogger logger, string typeName, string entityId);

        [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "{TypeName}: shard {ShardId} hands off, stopping {Count} entities")]
        public static partial void HandingOff(ILogger logger, string typeName, string shardId, int count);

        [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "{TypeName}: shard {ShardId} stops its {Count} entities still running after {Timeout} of hand-off")]
        public static partial void HandOffStopTimedOut(ILogger logger, string typeName, string shardId, int count, TimeSpan timeout);

        [LoggerMessage(EventId = 804, Level = LogLevel.Warning, Message = "{TypeName}: shard {ShardId} stops: its remember-entities store stopped")]
        public static partial void StoreStopped(ILogger logger, string typeName, string shardId);

        [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "{TypeName}: shard {ShardId} holds {Limit} messages; more go to dead letters")]
        public static partial void BufferFull(ILogger logger, string typeName, string shardId, int limit);

        [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "{TypeName}: shard {ShardId} starts {Count} remembered entities")]
        public static partial void Recovering(ILogger logger, string typeName, string shardId, int count);
    }
}
