using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Heartbeat;
using Scheduler.Cluster.Leader;
using Scheduler.Cluster.Members;
using Scheduler.Remote;
using Scheduler.Remote.Watch;

namespace Scheduler.Cluster.Core;

/// <summary>
/// This node's membership: joining through the seeds, accepting joins, gossiping, acting as leader when it is
/// one, turning the heartbeat sender's news into reachability, marking leaves and downs, and publishing each
/// change as cluster events. All decisions are made by the pure gossip and leader classes; this actor does the
/// timing and the talking. Lives at <c>/system/cluster</c>.
/// </summary>
internal sealed partial class ClusterDaemon : ReceiveActor, IWithTimers
{
    public const string Name = "cluster";

    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly ILogger _log;
    private readonly Random _random = new();
    private ClusterGossip _gossip = ClusterGossip.Empty;
    private ClusterGossip _published = ClusterGossip.Empty;
    private IActorRef _heartbeats = null!;
    private IActorRef? _resolver;
    private ImmutableArray<Address> _seeds = [];
    private ImmutableHashSet<UniqueAddress> _monitored = [];
    private ImmutableHashSet<Address> _members = [];
    private TimeSpan _joinStartedAt;
    private TimeSpan? _joiningSince;
    private bool _shutdownStarted;

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _self = cluster.SelfUniqueAddress;
        _log = Context.System.LoggerFactory.CreateLogger<ClusterDaemon>();

        Receive<Command.JoinSeedNodes>(join => StartSeedJoin(join.Seeds));
        Receive<Command.Join>(join => JoinThrough(join.Address));
        Receive<Command.Leave>(leave => Change(leave.Address, MemberStatus.Leaving));
        Receive<Command.Down>(down => Change(down.Address, MemberStatus.Down));
        Receive<SplitBrainResolver.DownNodes>(down => DownAll(down.Nodes));
        Receive<Command.Subscribe>(OnSubscribe);
        Receive<SeedTick>(_ => OnSeedTick());
        Receive<ClusterMessage.InitJoin>(OnInitJoin);
        Receive<ClusterMessage.InitJoinAck>(ack => OnInitJoinAck(ack.Address));
        Receive<ClusterMessage.InitJoinNack>(_ => { });
        Receive<ClusterMessage.Join>(OnJoin);
        Receive<ClusterMessage.Welcome>(OnWelcome);
        Receive<ClusterMessage.GossipEnvelope>(OnGossip);
        Receive<ClusterHeartbeatSender.ReachabilityChanged>(OnReachabilityChanged);
        Receive<GossipTick>(_ => GossipToSomeone());
        Receive<LeaderTick>(_ => OnLeaderTick());
        Receive<QuarantineRemoved>(removed => Remoting.Get(Context.System).Quarantine(removed.Node.Address, removed.Node.Uid, "it was removed from the cluster"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsMember => _gossip.HasMember(_self);

    private TimeSpan Now => Context.System.Now;

    public static Props Props(Cluster cluster) => Actors.Props.Create(() => new ClusterDaemon(cluster));

    protected override void PreStart()
    {
        _heartbeats = Context.ActorOf(ClusterHeartbeatSender.Props(_settings, _self), "heartbeat-sender");
        if (_settings.SplitBrainResolver is { } resolver)
        {
            _resolver = Context.ActorOf(SplitBrainResolver.Props(resolver, _self, Self, _cluster.ResolverLease), SplitBrainResolver.Name);
        }

        if (!_settings.SeedNodes.IsEmpty)
        {
            StartSeedJoin(_settings.SeedNodes);
        }
    }

    // ---- joining ----

    private void StartSeedJoin(ImmutableArray<Address> seeds)
    {
        if (IsMember)
        {
            DaemonLog.AlreadyMember(_log, _self.Address);
            return;
        }

        _seeds = seeds;
        _joinStartedAt = Now;
        DaemonLog.JoiningSeeds(_log, seeds);
        Timers.StartPeriodicTimer("seed", SeedTick.Instance, TimeSpan.FromSeconds(1));
        OnSeedTick();
    }

    private void OnSeedTick()
    {
        if (IsMember)
        {
            Timers.Cancel("seed");
            return;
        }

        var others = _seeds.Where(seed => !seed.Equals(_self.Address)).ToList();
        var firstSeed = !_seeds.IsEmpty && _seeds[0].Equals(_self.Address);
        if (firstSeed && Now - _joinStartedAt >= _settings.SeedNodeTimeout)
        {
            // Nobody answered within seed-node-timeout: the first seed forms the cluster.
            DaemonLog.FormingCluster(_log, _self.Address);
            JoinThrough(_self.Address);
            return;
        }

        if (!firstSeed && Now - _joinStartedAt >= _settings.RetryUnsuccessfulJoinAfter)
        {
            DaemonLog.StillJoining(_log, _settings.RetryUnsuccessfulJoinAfter);
            _joinStartedAt = Now;
        }

        foreach (var seed in others)
        {
            DaemonRef(seed).Tell(new ClusterMessage.InitJoin(_self.Address), Self);
        }
    }

    private void OnInitJoin(ClusterMessage.InitJoin request)
    {
        var status = _gossip.MemberOf(_self)?.Status;
        Sender.Tell(
            status is MemberStatus.Up or MemberStatus.WeaklyUp
                ? new ClusterMessage.InitJoinAck(_self.Address)
                : new ClusterMessage.InitJoinNack(_self.Address),
            Self);
    }

    private void OnInitJoinAck(Address address)
    {
        if (!IsMember && !_seeds.IsEmpty)
        {
            JoinThrough(address);
        }
    }

    /// <summary>Asks <paramref name="address"/> to let this node in; joining oneself forms a new cluster.</summary>
    private void JoinThrough(Address address)
    {
        if (IsMember)
        {
            DaemonLog.AlreadyMember(_log, _self.Address);
            return;
        }

        if (address.Equals(_self.Address))
        {
            Timers.Cancel("seed");
            _seeds = [];
            Adopt(ClusterGossip.Empty.With(new Member(_self, MemberStatus.Joining, _settings.Roles, 0)).Increment(_self));
            StartMembership();
            return;
        }

        DaemonRef(address).Tell(new ClusterMessage.Join(_self, _settings.Roles), Self);
    }

    private void OnJoin(ClusterMessage.Join join)
    {
        if (!IsMember || _gossip.Tombstones.Contains(join.Node))
        {
            return;
        }

        var sameAddress = _gossip.Members.FirstOrDefault(m => m.Address.Equals(join.Node.Address));
        if (sameAddress is not null && !sameAddress.UniqueAddress.Equals(join.Node))
        {
            // The node restarted: its old incarnation must go before the new one comes in; the joiner retries.
            if (sameAddress.Status != MemberStatus.Down)
            {
                DaemonLog.Restarted(_log, join.Node.Address);
                Change(sameAddress.Address, MemberStatus.Down);
            }

            return;
        }

        if (sameAddress is null)
        {
            DaemonLog.NodeJoining(_log, join.Node, join.Roles);
            Adopt(_gossip.With(new Member(join.Node, MemberStatus.Joining, join.Roles, 0)).Increment(_self));
        }

        Sender.Tell(new ClusterMessage.Welcome(_self, _gossip), Self);
    }

    private void OnWelcome(ClusterMessage.Welcome welcome)
    {
        if (IsMember || !welcome.Gossip.HasMember(_self))
        {
            return;
        }

        Timers.Cancel("seed");
        DaemonLog.Welcomed(_log, welcome.From.Address);
        Adopt(welcome.Gossip.SeenBy(_self));
        StartMembership();
    }

    private void StartMembership()
    {
        Timers.StartPeriodicTimer("gossip", GossipTick.Instance, _settings.GossipInterval);
        Timers.StartPeriodicTimer("leader", LeaderTick.Instance, _settings.LeaderActionsInterval);
    }

    // ---- gossip ----

    private void GossipToSomeone()
    {
        var others = _gossip.Members.Where(m => !m.UniqueAddress.Equals(_self)).Select(m => m.UniqueAddress).ToList();
        if (others.Count == 0)
        {
            return;
        }

        // Prefer members that have not seen this version, and reachable ones: that is where news is missing.
        var preferred = others.Where(node => !_gossip.Seen.Contains(node) && _gossip.IsReachable(node)).ToList();
        var pool = preferred.Count > 0 ? preferred : others;
        SendGossip(pool[_random.Next(pool.Count)]);
    }

    private void SendGossip(UniqueAddress to) =>
        DaemonRef(to.Address).Tell(new ClusterMessage.GossipEnvelope(_self, to, _gossip), Self);

    private void OnGossip(ClusterMessage.GossipEnvelope envelope)
    {
        if (!envelope.To.Equals(_self) || !IsMember)
        {
            return;
        }

        var remote = envelope.Gossip;
        if (!remote.HasMember(envelope.From) && !_gossip.HasMember(envelope.From))
        {
            // Neither side counts the sender as a member: it is from a past we have left behind.
            return;
        }

        switch (remote.Version.Compare(_gossip.Version))
        {
            case ClockOrder.Same:
                var seen = _gossip.Seen.Union(remote.Seen).Add(_self);
                if (!seen.SetEquals(_gossip.Seen))
                {
                    Adopt(_gossip with { Seen = seen });

                    // The version may just have converged: a leader need not wait for its next tick to act on it
                    // (removing a downed member a second sooner moves its shards a second sooner).
                    OnLeaderTick();
                }

                break;
            case ClockOrder.After:
                Adopt(remote.SeenBy(_self));

                // Tell the sender at once that this node has seen its news: the leader waits for that to converge.
                SendGossip(envelope.From);
                break;
            case ClockOrder.Before:
                SendGossip(envelope.From);
                break;
            default:
                Adopt(_gossip.Merge(remote).SeenBy(_self));
                SendGossip(envelope.From);
                break;
        }
    }

    // ---- reachability, leave, down ----

    private void OnReachabilityChanged(ClusterHeartbeatSender.ReachabilityChanged changed)
    {
        if (!IsMember || !_gossip.HasMember(changed.Node))
        {
            return;
        }

        var reachability = changed.Reachable
            ? _gossip.Reachability.Reachable(_self, changed.Node)
            : _gossip.Reachability.Unreachable(_self, changed.Node);
        if (!ReferenceEquals(reachability, _gossip.Reachability))
        {
            DaemonLog.Reachability(_log, changed.Node, changed.Reachable ? "reachable again" : "unreachable");
            Adopt((_gossip with { Reachability = reachability }).Increment(_self));
        }
    }

    private void Change(Address address, MemberStatus status)
    {
        if (_gossip.Members.FirstOrDefault(m => m.Address.Equals(address)) is not { } member)
        {
            DaemonLog.NotAMember(_log, address, status);
            return;
        }

        var allowed = status switch
        {
            MemberStatus.Leaving => member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up,
            _ => member.Status is not (MemberStatus.Down or MemberStatus.Removed),
        };
        if (!allowed)
        {
            return;
        }

        DaemonLog.Marked(_log, member.UniqueAddress, status);
        Adopt(_gossip.With(member.With(status)).Increment(_self));
        GossipToSomeone();
    }

    /// <summary>Marks <paramref name="nodes"/> Down in one version (the split-brain resolver's decision).</summary>
    private void DownAll(IReadOnlyCollection<UniqueAddress> nodes)
    {
        var gossip = _gossip;
        foreach (var node in nodes)
        {
            if (gossip.MemberOf(node) is { Status: not (MemberStatus.Down or MemberStatus.Removed) } member)
            {
                DaemonLog.Marked(_log, node, MemberStatus.Down);
                gossip = gossip.With(member.With(MemberStatus.Down));
            }
        }

        if (!ReferenceEquals(gossip, _gossip))
        {
            Adopt(gossip.Increment(_self));
            GossipToSomeone();
        }
    }

    // ---- leader ----

    private void OnLeaderTick()
    {
        if (!Equals(_gossip.Leader(_self), _self))
        {
            _joiningSince = null;
            return;
        }

        if (_gossip.Convergence(_self))
        {
            _joiningSince = null;
            var outcome = LeaderActions.OnConvergence(_gossip, _self, _settings.MinNrOfMembers, _settings.MinNrOfMembersPerRole);
            if (outcome.IsChange)
            {
                foreach (var member in outcome.Changed)
                {
                    DaemonLog.LeaderMoved(_log, member.UniqueAddress, member.Status);
                }

                Adopt(outcome.Gossip);
                foreach (var removed in outcome.Removed)
                {
                    DaemonLog.LeaderRemoved(_log, removed.UniqueAddress, removed.Status);

                    // It is no longer gossiped to: tell it directly that it is out, then never talk to it again.
                    SendGossip(removed.UniqueAddress);
                    Timers.StartSingleTimer("quarantine-" + removed.UniqueAddress, new QuarantineRemoved(removed.UniqueAddress), _settings.GossipInterval * 2);
                }

                GossipToSomeone();
            }

            return;
        }

        if (_settings.AllowWeaklyUpMembers is { } wait && _gossip.Members.Any(m => m.Status == MemberStatus.Joining))
        {
            _joiningSince ??= Now;
            if (Now - _joiningSince >= wait)
            {
                var outcome = LeaderActions.WeaklyUp(_gossip, _self);
                if (outcome.IsChange)
                {
                    Adopt(outcome.Gossip);
                    GossipToSomeone();
                }
            }
        }
    }

    // ---- publishing ----

    private void OnSubscribe(Command.Subscribe subscribe)
    {
        if (subscribe.Mode == SubscriptionInitialStateMode.InitialStateAsSnapshot)
        {
            subscribe.Subscriber.Tell(ClusterEventDiff.State(_published, _self), Self);
        }
        else
        {
            foreach (var @event in ClusterEventDiff.Diff(ClusterGossip.Empty, _published, _self))
            {
                if (subscribe.To.Any(type => type.IsInstanceOfType(@event)))
                {
                    subscribe.Subscriber.Tell(@event, Self);
                }
            }
        }

        foreach (var type in subscribe.To)
        {
            Context.System.EventStream.Subscribe(subscribe.Subscriber, type);
        }
    }

    /// <summary>Makes <paramref name="gossip"/> this node's view, publishes what changed and reacts to its own fate.</summary>
    private void Adopt(ClusterGossip gossip)
    {
        foreach (var gone in _gossip.Members.Where(m => m.Status == MemberStatus.Down && !m.UniqueAddress.Equals(_self) && gossip.MemberOf(m.UniqueAddress) is null))
        {
            // A downed member's removal reaches every node, not only the leader: each shuts the downed incarnation
            // out for good, so a node that was only cut off cannot come back as if nothing had happened.
            Timers.StartSingleTimer("quarantine-" + gone.UniqueAddress, new QuarantineRemoved(gone.UniqueAddress), _settings.GossipInterval * 2);
        }

        _gossip = gossip;
        var events = ClusterEventDiff.Diff(_published, gossip, _self);
        _published = gossip;
        _cluster.OnStateChanged(ClusterEventDiff.State(gossip, _self), gossip.MemberOf(_self), gossip.Tombstones);
        var monitored = gossip.Members.Where(m => m.Status != MemberStatus.Down).Select(m => m.UniqueAddress).ToImmutableHashSet();
        if (!monitored.SetEquals(_monitored))
        {
            // Most gossip only adds seen marks: the heartbeat ring changes only when the members do.
            _monitored = monitored;
            _heartbeats.Tell(new ClusterHeartbeatSender.MembersChanged(monitored), Self);
        }

        var members = gossip.Members.Select(m => m.Address).ToImmutableHashSet();
        if (!members.SetEquals(_members))
        {
            // Remote death watch must not end a member's actors on a missed heartbeat: only removal (after the
            // resolver downed it) does, through the quarantine that follows.
            _members = members;
            Remoting.Get(Context.System).Provider.Watcher.Tell(new RemoteWatcher.ClusterMembersChanged(members), Self);
        }

        foreach (var @event in events)
        {
            Context.System.EventStream.Publish(@event);
        }

        _resolver?.Tell(new SplitBrainResolver.GossipChanged(gossip), Self);

        var me = gossip.MemberOf(_self);
        if (me is { Status: MemberStatus.Down } && _settings.RunCoordinatedShutdownWhenDown)
        {
            if (!_shutdownStarted)
            {
                // This node stops gossiping soon: pass the news on to everyone first, so the members downed with
                // it (a side the resolver gave up) learn it even if nobody else on their side is left to tell them.
                foreach (var other in gossip.Members.Where(m => !m.UniqueAddress.Equals(_self)))
                {
                    SendGossip(other.UniqueAddress);
                }
            }

            ShutDown(ShutdownReason.ClusterDowning, "it was downed");
        }
        else if (me is null && gossip.Tombstones.Contains(_self))
        {
            Timers.Cancel("gossip");
            Timers.Cancel("leader");
            ShutDown(ShutdownReason.ClusterLeaving, "it was removed from the cluster");
        }
    }

    private void ShutDown(ShutdownReason reason, string why)
    {
        if (_shutdownStarted)
        {
            return;
        }

        _shutdownStarted = true;
        DaemonLog.ShuttingDown(_log, _self.Address, why);
        _ = Context.System.CoordinatedShutdown.Run(reason);
    }

    private ActorSelection DaemonRef(Address address) => Context.ActorSelection($"{address}/system/{Name}");

    /// <summary>Requests from the <see cref="Cluster"/> facade.</summary>
    public abstract record Command
    {
        public sealed record JoinSeedNodes(ImmutableArray<Address> Seeds) : Command;

        public sealed record Join(Address Address) : Command;

        public sealed record Leave(Address Address) : Command;

        public sealed record Down(Address Address) : Command;

        public sealed record Subscribe(IActorRef Subscriber, SubscriptionInitialStateMode Mode, ImmutableArray<Type> To) : Command;
    }

    private sealed record SeedTick
    {
        public static SeedTick Instance { get; } = new();
    }

    private sealed record GossipTick
    {
        public static GossipTick Instance { get; } = new();
    }

    private sealed record LeaderTick
    {
        public static LeaderTick Instance { get; } = new();
    }

    private sealed record QuarantineRemoved(UniqueAddress Node);

    private static partial class DaemonLog
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Joining the cluster through seed nodes {Seeds}")]
        public static partial void JoiningSeeds(ILogger logger, ImmutableArray<Address> seeds);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "No other seed node answered: {Self} forms a new cluster")]
        public static partial void FormingCluster(ILogger logger, Address self);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "No seed node has let this node in yet; still trying (retry-unsuccessful-join-after {After})")]
        public static partial void StillJoining(ILogger logger, TimeSpan after);

        [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Self} is already a member; the join request is ignored")]
        public static partial void AlreadyMember(ILogger logger, Address self);

        [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Node {Node} is joining with roles [{Roles}]")]
        public static partial void NodeJoining(ILogger logger, UniqueAddress node, IEnumerable<string> roles);

        [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Welcomed into the cluster by {From}")]
        public static partial void Welcomed(ILogger logger, Address from);

        [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "{Node} asks to join again under a new incarnation: its old one is marked Down first")]
        public static partial void Restarted(ILogger logger, Address node);

        [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Member {Node} is {What}")]
        public static partial void Reachability(ILogger logger, UniqueAddress node, string what);

        [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "{Address} is not a member: it cannot be marked {Status}")]
        public static partial void NotAMember(ILogger logger, Address address, MemberStatus status);

        [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Marking {Node} {Status}")]
        public static partial void Marked(ILogger logger, UniqueAddress node, MemberStatus status);

        [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Leader is moving {Node} to {Status}")]
        public static partial void LeaderMoved(ILogger logger, UniqueAddress node, MemberStatus status);

        [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Leader is removing {Node} ({Status})")]
        public static partial void LeaderRemoved(ILogger logger, UniqueAddress node, MemberStatus status);

        [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "{Self} shuts down: {Why}")]
        public static partial void ShuttingDown(ILogger logger, Address self, string why);
    }
}
