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
    // The offers in the order they were made, so by age: expiry looks at the front only. Answered ones stay until
    // they reach the front (they are no longer in _pending) and are dropped there.
    private readonly Queue<Pending> _offers = new();
    // Tasks enqueued again while an offer to them is still open (a pause and resume, say, with the offer on its way):
    // the entity may yet take that offer, so a second one would promise a second worker's room for one task. Each
    // waits here until the open offer is declined or expires (then it queues) or taken (then it is dropped).
    private readonly Dictionary<string, ReadyTask> _behindOffer = new(StringComparer.Ordinal);
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
            var ready = new ReadyTask(enqueue.TaskId, enqueue.Priority, enqueue.DueAt, _arrivals++, enqueue.Placement, Sender);
            var waits = true;
            if (_pending.ContainsKey(enqueue.TaskId))
            {
                _behindOffer[enqueue.TaskId] = ready;
            }
            else
            {
                _queue.Add(ready);
                TryDispatch();
                waits = _queue.Contains(enqueue.TaskId);
            }

            // The entity holds the change that made its task ready until it hears whether a worker took it just now.
            if (enqueue.AnswerNow && waits)
            {
                Sender.Tell(new TaskInput.Queued(enqueue.TaskId), Self);
            }
        });
        Receive<DispatcherProtocol.Dequeue>(dequeue =>
        {
            _queue.Remove(dequeue.TaskId);
            _behindOffer.Remove(dequeue.TaskId);
            Volatile.Write(ref _ready, _queue.Count);
        });
        Receive<WorkerProtocol.Status>(OnStatus);
        Receive<TaskInput.OfferAnswer>(answer =>
        {
            if (Settle(answer.TaskId) is { } pending)
            {
                if (!answer.Taken)
                {
                    Release(pending);
                }
                else if (_workers.TryGetValue(pending.Worker, out var known))
                {
                    known.AddInFlight(pending);
                }
            }

            // A task that took a worker has an attempt out: an enqueue of it from before that is stale.
            if (answer.Taken)
            {
                _behindOffer.Remove(answer.TaskId);
            }
            else
            {
                QueueBehindOffer(answer.TaskId);
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
        .Select(static known => known.Capacity!)
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
        ExpireOffers(now);
        if (known is null)
        {
            known = new Known();
            _workers[status.Worker] = known;
        }

        var unseen = known.Taken - status.SeenFrom.GetValueOrDefault(_node);
        while (known.InFlight.Count > Math.Max(unseen, 0) || (known.InFlight.TryPeek(out var oldest) && now - oldest.At > _offerTimeout * 4))
        {
            known.RemoveOldestInFlight();
        }

        known.Capacity = new WorkerCapacity(status.Worker, status.Slots, status.FreeSlots, status.CpuMillis, status.FreeCpuMillis,
            status.MemoryMiB, status.FreeMemoryMiB, SameOr(known.Capacity?.Tags, status.Tags), SameOr(known.Capacity?.Roles, status.Roles))
            .Taking(known.Promised.Plus(known.InFlightTotal).ToRequest());
        known.Version = status.Version;
        TryDispatch();
    }

    private void ExpireOffers(DateTimeOffset now)
    {
        while (_offers.TryPeek(out var oldest))
        {
            var open = _pending.TryGetValue(oldest.TaskId, out var current) && ReferenceEquals(current, oldest);
            if (open && now - oldest.At <= _offerTimeout)
            {
                return;
            }

            _offers.Dequeue();
            if (open)
            {
                Settle(oldest.TaskId);
                QueueBehindOffer(oldest.TaskId);
            }
        }
    }

    /// <summary>Queues the task that waited for its open offer to be answered, if one did.</summary>
    private void QueueBehindOffer(string taskId)
    {
        if (_behindOffer.Remove(taskId, out var ready))
        {
            _queue.Add(ready);
        }
    }

    /// <summary>Records an offer as open: its resources count against its worker until it is answered or expires.</summary>
    private void Promise(Pending pending)
    {
        Settle(pending.TaskId);
        _pending[pending.TaskId] = pending;
        _offers.Enqueue(pending);
        pending.PromisedTo.Promised = pending.PromisedTo.Promised.Plus(pending.Resources);
    }

    /// <summary>Closes the open offer for a task, if any, and returns it.</summary>
    private Pending? Settle(string taskId)
    {
        if (!_pending.Remove(taskId, out var pending))
        {
            return null;
        }

        pending.PromisedTo.Promised = pending.PromisedTo.Promised.Minus(pending.Resources);
        return pending;
    }

    private void TryDispatch()
    {
        Dispatch();
        Volatile.Write(ref _ready, _queue.Count);
    }

    private void Dispatch()
    {
        if (_queue.Count == 0 || _workers.Count == 0)
        {
            return;
        }

        // The workers' capacities, built once per round: a placement changes only the chosen worker's entry.
        var workers = _workers.Values.Select(k => k.Capacity!).ToList();
        while (_queue.Count > 0)
        {
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
            known.Capacity = known.Capacity!.Taking(best.Placement.Resources);
            workers[workers.IndexOf(chosen)] = known.Capacity;
            Promise(new Pending(best.TaskId, chosen.Worker, known, best.Placement.Resources, _time.GetUtcNow()));
            best.Entity.Tell(new TaskInput.Offer(best.TaskId, chosen.Worker), Self);
        }
    }

    private void Release(Pending pending)
    {
        // Only to the record the offer was counted against: a worker removed and seen again has a new one, whose
        // capacity came from a status and never held this offer.
        if (_workers.TryGetValue(pending.Worker, out var known) && ReferenceEquals(known, pending.PromisedTo))
        {
            known.Capacity = known.Capacity!.Returning(pending.Resources);
        }
    }

    // A worker's tags and roles rarely change: the set already held is kept when the status names the same ones.
    private static IReadOnlySet<string> SameOr(IReadOnlySet<string>? held, IEnumerable<string> given) =>
        held is not null && held.SetEquals(given) ? held : given.ToHashSet(StringComparer.Ordinal);

    /// <summary>What the dispatcher knows of one worker; its capacity is null only until the first status is read.</summary>
    private sealed class Known
    {
        public WorkerCapacity? Capacity { get; set; }

        public long Version { get; set; }

        /// <summary>Offers of this node the worker's tasks took, in all.</summary>
        public long Taken { get; private set; }

        /// <summary>Offers taken whose attempts the worker may not have seen yet, oldest first.</summary>
        public Queue<Pending> InFlight { get; } = new();

        /// <summary>What the offers in <see cref="InFlight"/> need, kept with the queue.</summary>
        public ResourceTotal InFlightTotal { get; private set; }

        /// <summary>What the open offers to this worker need.</summary>
        public ResourceTotal Promised { get; set; }

        public void AddInFlight(Pending taken)
        {
            InFlight.Enqueue(taken);
            InFlightTotal = InFlightTotal.Plus(taken.Resources);
            Taken++;
        }

        public void RemoveOldestInFlight() => InFlightTotal = InFlightTotal.Minus(InFlight.Dequeue().Resources);
    }

    // PromisedTo: the record the offer counts against (a worker removed and seen again gets a new one).
    private sealed record Pending(string TaskId, WorkerRef Worker, Known PromisedTo, ResourceRequest Resources, DateTimeOffset At);
}
