using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Remote.Endpoints;
using Scheduler.Remote.Refs;

namespace Scheduler.Remote.Watch;

/// <summary>
/// Remote death watch for whole nodes. A remote actor's own stop arrives as a system message; but a node that dies
/// sends nothing, so every node hosting a watched actor gets heartbeats, and when its answers stop (phi-accrual
/// detector) or come from a new incarnation, every local watcher of its actors receives Terminated with existence
/// not confirmed, and the old incarnation is quarantined so it never talks to this node again. Cluster members are
/// the exception: for them only removal from the cluster counts (see <see cref="ClusterMembersChanged"/>).
/// </summary>
internal sealed partial class RemoteWatcher : ReceiveActor, IWithTimers
{
    private readonly RemoteActorRefProvider _provider;
    private readonly Dictionary<RemoteActorRef, HashSet<InternalActorRef>> _watching = [];
    private readonly Dictionary<Address, WatchedNode> _nodes = [];
    private IReadOnlySet<Address> _clusterMembers = new HashSet<Address>();
    private readonly ILogger _log;

    public RemoteWatcher(RemoteActorRefProvider provider)
    {
        _provider = provider;
        _log = provider.LoggerFactory.CreateLogger<RemoteWatcher>();
        Receive<WatchRemote>(OnWatch);
        Receive<UnwatchRemote>(OnUnwatch);
        Receive<WatcheeTerminated>(terminated => Forget(terminated.Watchee, terminated.Watcher));
        Receive<HeartbeatAnswered>(OnAnswer);
        Receive<NodeQuarantined>(quarantined =>
        {
            if (_nodes.TryGetValue(quarantined.Node, out var node) && (node.Uid == quarantined.Uid || node.Uid == 0))
            {
                TerminateNode(quarantined.Node, "it was quarantined");
            }
        });
        Receive<ClusterMembersChanged>(OnClusterMembersChanged);
        Receive<Tick>(_ => OnTick());
        Receive<Reap>(_ => OnReap());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RemoteActorRefProvider provider) => Actors.Props.Create(() => new RemoteWatcher(provider));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("heartbeat", Tick.Instance, _provider.Settings.WatchHeartbeatInterval);
        Timers.StartPeriodicTimer("reap", Reap.Instance, _provider.Settings.WatchReaperInterval);
    }

    private void OnWatch(WatchRemote watch)
    {
        if (!_watching.TryGetValue(watch.Watchee, out var watchers))
        {
            _watching[watch.Watchee] = watchers = [];
        }

        watchers.Add(watch.Watcher);
        var address = watch.Watchee.Path.Address;
        if (!_nodes.ContainsKey(address))
        {
            _nodes[address] = new WatchedNode(new PhiAccrualFailureDetector(_provider.Settings.WatchFailureDetector), _provider.Now);
            _provider.AssociationFor(address).Send(Outbound.Heartbeat.Instance);
        }
    }

    private void OnUnwatch(UnwatchRemote unwatch) => Forget(unwatch.Watchee, unwatch.Watcher);

    private void Forget(RemoteActorRef watchee, InternalActorRef watcher)
    {
        if (_watching.TryGetValue(watchee, out var watchers) && watchers.Remove(watcher) && watchers.Count == 0)
        {
            _watching.Remove(watchee);
            var address = watchee.Path.Address;
            if (!_watching.Keys.Any(other => other.Path.Address.Equals(address)))
            {
                _nodes.Remove(address);
            }
        }
    }

    private void OnAnswer(HeartbeatAnswered answer)
    {
        if (!_nodes.TryGetValue(answer.Node, out var node))
        {
            return;
        }

        if (node.Uid != 0 && node.Uid != answer.Uid)
        {
            // A new incarnation answers: none of the actors watched at the old one can be alive.
            TerminateNode(answer.Node, $"it restarted (incarnation {node.Uid} is now {answer.Uid})");
            return;
        }

        node.Uid = answer.Uid;
        node.Detector.Heartbeat(_provider.Now);
    }

    private void OnTick()
    {
        var now = _provider.Now;
        foreach (var (address, node) in _nodes)
        {
            _provider.AssociationFor(address).Send(Outbound.Heartbeat.Instance);
            if (!node.Detector.IsMonitoring && now - node.WatchedSince >= _provider.Settings.WatchExpectedResponseAfter)
            {
                // It never answered: monitor it as if it had, so silence ends in Terminated too.
                node.Detector.Heartbeat(now);
            }
        }
    }

    private void OnClusterMembersChanged(ClusterMembersChanged changed)
    {
        // A member's removal is the cluster's final word that it is gone, whether it left or was downed: nothing
        // watched there may be waited for any longer, even while its heartbeats still answer (Akka's cluster-aware
        // watcher publishes the address as terminated at the same moment).
        var removed = _clusterMembers.Where(address => !changed.Members.Contains(address) && _nodes.ContainsKey(address)).ToList();
        _clusterMembers = changed.Members;
        foreach (var address in removed)
        {
            TerminateNode(address, "it was removed from the cluster");
        }
    }

    private void OnReap()
    {
        var now = _provider.Now;
        var dead = _nodes
            .Where(pair => pair.Value.Detector.IsMonitoring && !pair.Value.Detector.IsAvailable(now) && !_clusterMembers.Contains(pair.Key))
            .Select(pair => pair.Key)
            .ToList();
        foreach (var address in dead)
        {
            var uid = _nodes[address].Uid;
            TerminateNode(address, "it stopped answering heartbeats");
            if (uid != 0)
            {
                _provider.Quarantine(address, uid, "remote death watch: it stopped answering heartbeats");
            }
        }
    }

    private void TerminateNode(Address address, string reason)
    {
        WatcherLog.NodeTerminated(_log, address, reason);
        foreach (var watchee in _watching.Keys.Where(watchee => watchee.Path.Address.Equals(address)).ToList())
        {
            foreach (var watcher in _watching[watchee])
            {
                watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(watchee, ExistenceConfirmed: false));
            }

            _watching.Remove(watchee);
        }

        _nodes.Remove(address);
    }

    /// <summary>A local watcher watches a remote actor.</summary>
    public sealed record WatchRemote(RemoteActorRef Watchee, InternalActorRef Watcher);

    /// <summary>A local watcher no longer watches a remote actor.</summary>
    public sealed record UnwatchRemote(RemoteActorRef Watchee, InternalActorRef Watcher);

    /// <summary>The remote actor's own death notice arrived.</summary>
    public sealed record WatcheeTerminated(RemoteActorRef Watchee, InternalActorRef Watcher);

    /// <summary>
    /// The addresses of the cluster's members, from the cluster daemon. Silence from a member ends nothing here: the
    /// cluster's own failure detector and resolver decide whether it is gone, and its removal from this set
    /// terminates at once what was watched there (as Akka's cluster-aware remote watcher does).
    /// </summary>
    public sealed record ClusterMembersChanged(IReadOnlySet<Address> Members);

    /// <summary>A node answered a heartbeat.</summary>
    public sealed record HeartbeatAnswered(Address Node, long Uid);

    /// <summary>A node's incarnation was quarantined.</summary>
    public sealed record NodeQuarantined(Address Node, long Uid);

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Reap
    {
        public static readonly Reap Instance = new();
    }

    private sealed class WatchedNode(PhiAccrualFailureDetector detector, TimeSpan watchedSince)
    {
        public PhiAccrualFailureDetector Detector { get; } = detector;

        public TimeSpan WatchedSince { get; } = watchedSince;

        public long Uid { get; set; }
    }

    private static partial class WatcherLog
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Watched actors on {Node} are considered terminated: {Reason}")]
        public static partial void NodeTerminated(ILogger logger, Address node, string reason);
    }
}
