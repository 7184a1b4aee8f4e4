using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// Tells task entities when the node of their attempt's worker is removed from the cluster: the one event that
/// allows an attempt there to be given up (unreachability never does). One per node, so that thousands of entities
/// with attempts out do not each subscribe to cluster events. A node that is already gone when an entity asks (it
/// recovered after a failover) is reported at once: the cluster keeps removals for good.
/// </summary>
/// <remarks>
/// A node that was downed is reported only after the cluster's down-removal margin, as shards and singletons are: a
/// node cut off by a partition learns that it was downed only when its own side's resolver decides, and until then
/// its executors may still run. The margin gives it the time to stop them, so an attempt there never overlaps the
/// next one.
/// </remarks>
internal sealed class NodeMonitor : ReceiveActor, IWithTimers
{
    private readonly Cluster.Cluster _cluster;
    private readonly Dictionary<UniqueAddress, HashSet<IActorRef>> _watchers = [];
    private readonly HashSet<UniqueAddress> _inRemovalMargin = [];

    public NodeMonitor()
    {
        _cluster = Cluster.Cluster.Get(Context.System);
        Receive<WatchNode>(watch =>
        {
            if (_cluster.IsRemoved(watch.Node) && !_inRemovalMargin.Contains(watch.Node))
            {
                Sender.Tell(new TaskInput.NodeRemoved(watch.Node));
                return;
            }

            if (!_watchers.TryGetValue(watch.Node, out var set))
            {
                _watchers[watch.Node] = set = [];
            }

            if (set.Add(Sender))
            {
                Context.Watch(Sender);
            }
        });
        Receive<UnwatchNode>(unwatch => Forget(unwatch.Node, Sender));
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            var node = removed.Member.UniqueAddress;
            var margin = _cluster.Settings.DownRemovalMargin;
            if (removed.PreviousStatus == MemberStatus.Down && margin > TimeSpan.Zero)
            {
                _inRemovalMargin.Add(node);
                Timers.StartSingleTimer(("margin", node), new RemovalMarginOver(node), margin);
                return;
            }

            Report(node);
        });
        Receive<RemovalMarginOver>(over =>
        {
            _inRemovalMargin.Remove(over.Node);
            Report(over.Node);
        });
        Receive<Terminated>(terminated =>
        {
            foreach (var node in _watchers.Keys.ToList())
            {
                Forget(node, terminated.ActorRef);
            }
        });
        Receive<CurrentClusterState>(_ => { });
        Receive<ClusterEvent.MemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Actors.Props.Create(() => new NodeMonitor());

    protected override void PreStart() =>
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Report(UniqueAddress node)
    {
        if (_watchers.Remove(node, out var set))
        {
            foreach (var watcher in set)
            {
                watcher.Tell(new TaskInput.NodeRemoved(node));
                Context.Unwatch(watcher);
            }
        }
    }

    private void Forget(UniqueAddress node, IActorRef watcher)
    {
        if (_watchers.TryGetValue(node, out var set) && set.Remove(watcher) && set.Count == 0)
        {
            _watchers.Remove(node);
        }
    }

    /// <summary>Tell the sender with <see cref="TaskInput.NodeRemoved"/> when <paramref name="Node"/> is removed.</summary>
    public sealed record WatchNode(UniqueAddress Node);

    /// <summary>The sender no longer cares about <paramref name="Node"/>.</summary>
    public sealed record UnwatchNode(UniqueAddress Node);

    private sealed record RemovalMarginOver(UniqueAddress Node);
}
