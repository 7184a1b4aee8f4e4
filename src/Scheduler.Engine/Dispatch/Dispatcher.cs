using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Cluster.Events;
using Scheduler.Engine.Model;
using Scheduler.Engine.Placement;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine.Dispatch;

/// <summary>
/// One per node that hosts task entities: it holds the node's ready tasks in a <see cref="ReadyQueue"/> and the
/// capacity every worker of the cluster advertises, and matches them whenever either changes. It never polls: a
/// task waits until a worker's status or an answered offer frees room. An offer goes to the task entity, which
/// takes it by persisting the dispatch and sending the attempt to the worker, which reserves the slots (or refuses,
/// when another node's dispatcher was faster; the task then queues again).
/// </summary>
internal sealed class Dispatcher : ReceiveActor
{
    private readonly ReadyQueue _queue = new();
    private readonly Dictionary<WorkerRef, Known> _workers = [];
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _offerTimeout;
    private readonly string _node;
    private readonly IDisposable _readyGauge;
    private int _ready;
    private long _arrivals;
    private long _turn;

    public Dispatcher(EngineSettings settings)
    {
        _time = Context.System.TimeProvider;
        _offerTimeout = settings.ResendInterval;
        _node = Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        _readyGauge = EngineMetrics.TrackReady(() => Volatile.Read(ref _ready));
        Receive<DispatcherProtocol.Enqueue>(enqueue =>
        {
            _queue.Add(new ReadyTask(enqueue.TaskId, enqueue.Priority, enqueue.DueAt, _arrivals++, enqueue.Placement, Sender));
            TryDispatch();
        });
        Receive<DispatcherProtocol.Dequeue>(dequeue =>
        {
            _queue.Remove(dequeue.TaskId);
            Volatile.Write(ref _ready, _queue.Count);
        });
        Receive<WorkerProtocol.Status>(OnStatus);
        Receive<TaskInput.OfferAnswer>(answer =>
        {
            if (_pending.Remove(answer.TaskId, out var pending))
            {
                if (!answer.Taken)
                {
                    Release(pending);
                }
                else if (_workers.TryGetValue(pending.Worker, out var known))
                {
                    known.InFlight.Enqueue(pending);
                    _workers[pending.Worker] = known with { Taken = known.Taken + 1 };
                }
            }

            TryDispatch();
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            foreach (var worker in _workers.Keys.Where(w => w.Node == removed.Member.UniqueAddress).ToList())
            {
                _workers.Remove(worker);
            }
        });
        Receive<GetDispatcherState>(_ => Sender.Tell(State(), Self));
        Receive<CurrentClusterState>(_ => { });
        Receive<ClusterEvent.MemberEvent>(_ => { });
    }

    public static Props Props(EngineSettings settings) => Actors.Props.Create(() => new Dispatcher(settings));

    private DispatcherState State() => new(_node, _queue.Count, [.. _workers.Values
        .Select(static known => known.Capacity)
        .OrderBy(static capacity => capacity.Key, StringComparer.Ordinal)
        .Select(static c => new WorkerLoad(c.Key, c.Worker.Node.Address.ToString(), c.Slots, c.FreeSlots, c.CpuMillis, c.FreeCpuMillis,
            c.MemoryMiB, c.FreeMemoryMiB, [.. c.Tags.Order(StringComparer.Ordinal)], [.. c.Roles.Order(StringComparer.Ordinal)]))]);

    protected override void PreStart() =>
        Cluster.Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop()
    {
        _readyGauge.Dispose();
        Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }

    private void OnStatus(WorkerProtocol.Status status)
    {
        if (_workers.TryGetValue(status.Worker, out var known) && known.Version >= status.Version)
        {
            return;
        }

        // The status is the worker's own count. Offers still unanswered are not in it, nor are offers taken whose
        // attempt the worker has not seen yet (it counts the attempts it saw from this node): both are taken off
        // again, so the dispatcher does not offer room that is already promised. Offers older than the resend interval
        // were lost with their entity and no longer count.
        var now = _time.GetUtcNow();
        foreach (var taskId in _pending.Where(p => now - p.Value.At > _offerTimeout).Select(p => p.Key).ToList())
        {
            _pending.Remove(taskId);
        }

        var taken = known?.Taken ?? 0;
        var inFlight = known?.InFlight ?? new Queue<Pending>();
        var unseen = taken - status.SeenFrom.GetValueOrDefault(_node);
        while (inFlight.Count > Math.Max(unseen, 0) || (inFlight.TryPeek(out var oldest) && now - oldest.At > _offerTimeout * 4))
        {
            inFlight.Dequeue();
        }

        var capacity = new WorkerCapacity(status.Worker, status.Slots, status.FreeSlots, status.CpuMillis, status.FreeCpuMillis,
            status.MemoryMiB, status.FreeMemoryMiB, SameOr(known?.Capacity.Tags, status.Tags), SameOr(known?.Capacity.Roles, status.Roles))
            .Taking(Total(_pending.Values.Where(p => p.Worker == status.Worker).Concat(inFlight)));
        _workers[status.Worker] = new Known(capacity, status.Version, taken, inFlight);
        TryDispatch();
    }

    private void TryDispatch()
    {
        Dispatch();
        Volatile.Write(ref _ready, _queue.Count);
    }

    private void Dispatch()
    {
        while (_queue.Count > 0 && _workers.Count > 0)
        {
            var workers = _workers.Values.Select(k => k.Capacity).ToList();
            ReadyTask? best = null;
            WorkerCapacity? chosen = null;
            foreach (var head in _queue.Heads)
            {
                if (best is not null && ReadyQueue.Order.Compare(head, best) >= 0)
                {
                    continue;
                }

                if (PlacementPolicy.Choose(head.Placement, workers, _turn) is { } worker)
                {
                    (best, chosen) = (head, worker);
                }
            }

            if (best is null || chosen is null)
            {
                return;
            }

            _queue.Remove(best.TaskId);
            _turn++;
            var known = _workers[chosen.Worker];
            _workers[chosen.Worker] = known with { Capacity = known.Capacity.Taking(best.Placement.Resources) };
            _pending[best.TaskId] = new Pending(chosen.Worker, best.Placement.Resources, _time.GetUtcNow());
            best.Entity.Tell(new TaskInput.Offer(best.TaskId, chosen.Worker), Self);
        }
    }

    private void Release(Pending pending)
    {
        if (_workers.TryGetValue(pending.Worker, out var known))
        {
            _workers[pending.Worker] = known with { Capacity = known.Capacity.Returning(pending.Resources) };
        }
    }

    // A worker's tags and roles rarely change: the set already held is kept when the status names the same ones.
    private static IReadOnlySet<string> SameOr(IReadOnlySet<string>? held, IEnumerable<string> given) =>
        held is not null && held.SetEquals(given) ? held : given.ToHashSet(StringComparer.Ordinal);

    // What the promises take together: one capacity record per status, not one per promise (a worker with 256 slots
    // reports often, and the copies were a large share of what the node allocated).
    private static ResourceRequest Total(IEnumerable<Pending> promises)
    {
        var (slots, cpu, memory) = (0, 0, 0);
        foreach (var promise in promises)
        {
            slots += promise.Resources.Slots;
            cpu += promise.Resources.CpuMillis;
            memory += promise.Resources.MemoryMiB;
        }

        return new ResourceRequest { Slots = slots, CpuMillis = cpu, MemoryMiB = memory };
    }

    private sealed record Known(WorkerCapacity Capacity, long Version, long Taken, Queue<Pending> InFlight);

    private sealed record Pending(WorkerRef Worker, ResourceRequest Resources, DateTimeOffset At);
}
