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
internal sealed class NodeMonitor : ReceiveActor
{
    private readonly Cluster.Cluster _cluster;
    private readonly Dictionary<UniqueAddress, HashSet<IActorRef>> _watchers = [];

    public NodeMonitor()
    {
        _cluster = Cluster.Cluster.Get(Context.System);
        Receive<WatchNode>(watch =>
        {
            if (_cluster.IsRemoved(watch.Node))
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
            if (_watchers.Remove(removed.Member.UniqueAddress, out var set))
            {
                foreach (var watcher in set)
                {
                    watcher.Tell(new TaskInput.NodeRemoved(removed.Member.UniqueAddress));
                    Context.Unwatch(watcher);
                }
            }
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

    public static Props Props() => Actors.Props.Create(() => new NodeMonitor());

    protected override void PreStart() =>
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

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
}
