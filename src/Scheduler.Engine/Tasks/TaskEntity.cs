using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Waking;
using Scheduler.Engine.Workers;
using Scheduler.Persistence;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// One task, as a sharded, persistent, remembered entity. It stores every transition that
/// <see cref="TaskLifecycle"/> decides before it answers (accepted means durable), and after each change carries out
/// what the new state implies (<see cref="Reconcile"/>): wait in the dispatcher's queue, send the attempt to its
/// worker until the worker answers, ask a worker to stop an attempt the client no longer wants, watch the attempt's
/// node for removal, set the due timer, passivate once finished. Because those effects follow from the state alone,
/// an entity recovered on another node after a failover simply picks up where the state says.
/// </summary>
internal sealed class TaskEntity : EngineEntity<TaskEvent>
{
    private readonly EngineRuntime _engine;
    private readonly string _id;
    private TaskRecord? _task;
    private bool _queued;
    private readonly HashSet<string> _childrenAnswered = new(StringComparer.Ordinal);
    private UniqueAddress? _watchedNode;
    private bool _scheduleTold;
    private bool _parentTold;
    private (bool Submitting, int Attempt)? _childrenPhase;

    // A change that makes the task ready, decided and held (not stored yet) until the dispatcher answers (Place).
    private Placing? _placing;

    public TaskEntity(string id, EngineRuntime engine)
        : base(TaskEvent.Tag, engine, id, DueKeys.Task(id))
    {
        _engine = engine;
        _id = id;
        PersistenceId = PersistencePrefix + id;
    }

    protected override bool Command(object message)
    {
        switch (message)
        {
            case TaskInput.Offer offer when _placing is not null:
                Placed(offer);
                return true;
            case TaskInput.Queued or PlacingTimedOut when _placing is not null:
                Placed(offer: null);
                return true;
            case TaskInput.Queued or PlacingTimedOut:
                // Late: the change was stored without an offer already.
                return true;
            case TaskInput.Offer offer:
                _queued = false;
                Handle(offer);
                return true;
            case TaskInput.Woken woken:
                // Awake now, the task holds its due time itself (a timer, or it is due): the index's row may go.
                Sender.Tell(new TaskInput.WokenAnswer(woken.TaskId, woken.DueAt), Self);
                Handle(new TaskInput.Wake(woken.TaskId));
                return true;
            case TaskInput.ChildEndedAck:
                _parentTold = true;
                Reconcile();
                return true;
            case TaskReply reply:
                OnChildReply(reply);
                return true;
            case TaskCommand or AttemptReport or TaskInput:
                Handle(message);
                return true;
            case Resend:
                SendToWorker();
                return true;
            case ScheduleInput.OccurrenceEndedAck:
                _scheduleTold = true;
                Reconcile();
                return true;
            case TellOwners:
                TellOwnersOfEnd();
                return true;
            case SendToChildren:
                SendChildren(force: true);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Persistence ids of tasks are this and the task id.</summary>
    public const string PersistencePrefix = "task-";

    public override string PersistenceId { get; }

    public static Props Props(string id, EngineRuntime engine) => Actors.Props.Create(() => new TaskEntity(id, engine));

    protected override void PostStop()
    {
        // Queued while a new task's submit was held (or its write failed), there is no stored task yet: the id is the entity's.
        if (_queued)
        {
            _engine.Dispatcher.Tell(new DispatcherProtocol.Dequeue(_id), Self);
        }

        if (_watchedNode is { } node)
        {
            _engine.NodeMonitor.Tell(new NodeMonitor.UnwatchNode(node), Self);
        }

        base.PostStop();
    }

    protected override void Apply(TaskEvent change) => _task = TaskLifecycle.Apply(_task, change);

    protected override void Stored(TaskEvent change) => EngineMetrics.Stored(change, _task!);

    protected override bool IsAwaitedAnswer(object message) => message is TaskInput.Offer or TaskInput.Queued or PlacingTimedOut;

    protected override bool IsTick(object message) =>
        base.IsTick(message) || message is TaskInput.Wake or Resend or TellOwners or SendToChildren;

    private DecisionContext Decisions() =>
        new(Context.System.TimeProvider.GetUtcNow(), Random.Shared.NextDouble(), _engine.Settings.Limits);

    private void Handle(object input)
    {
        var decision = TaskLifecycle.Decide(_task, input, Decisions());
        if (!_queued && decision.Events.Count > 0 && TaskLifecycle.ApplyAll(_task, decision.Events) is { WantsWorker: true } ready)
        {
            Place(decision, ready);
            return;
        }

        // Unchanged, a wake that came a little early (timers are not exact) arms the timer again, and a settled or
        // missing task arms its passivation.
        Carry(decision.Events, decision.Reply, reconcileAnyway: input is TaskInput.Wake || _task is null || _task.IsSettled);
    }

    // The decision makes the task ready (a submit due now, a wake, a resume, a re-run, a lost or refused attempt).
    // Before it is stored the dispatcher is asked for a worker, and answers at once: a worker offered now is taken in
    // the same write as the change, so a start waits for one write fewer (and a task costs one fewer). Without room the
    // task waits in the dispatcher's queue as before. The offer is only a promise of room: the worker reserves its
    // slots when the attempt reaches it, and an offer never answered expires; so an entity that fails before its
    // write costs nothing. Other messages wait meanwhile; the answer comes from this node, so the wait is short.
    private void Place(TaskDecision decision, TaskRecord ready)
    {
        _placing = new Placing(decision, Sender, ready);
        _queued = true;
        _engine.Dispatcher.Tell(new DispatcherProtocol.Enqueue(ready.Id, ready.Spec.Priority, ready.DueAt, ready.Spec.Placement, AnswerNow: true), Self);
        Timers.StartSingleTimer(PlacingTimer, PlacingTimedOut.Instance, _engine.Settings.ResendInterval);
        Hold();
    }

    // The dispatcher answered (null: no worker has room now, or no answer came in time; the task stays queued).
    private void Placed(TaskInput.Offer? offer)
    {
        var placing = _placing!;
        _placing = null;
        Timers.Cancel(PlacingTimer);
        ReleaseHeld();
        var (events, reply) = (placing.Decision.Events, placing.Decision.Reply);
        if (offer is null)
        {
            Carry(events, new Answer(placing.ReplyTo, reply), default, reconcileAnyway: true);
            return;
        }

        // The client hears of the task as stored: dispatched already.
        _queued = false;
        var dispatch = TaskLifecycle.Decide(placing.Ready, offer, Decisions());
        var dispatched = TaskLifecycle.ApplyAll(placing.Ready, dispatch.Events);
        var told = reply is TaskReply.Accepted accepted ? accepted with { Task = TaskView.Of(dispatched!) } : reply;
        Carry([.. events, .. dispatch.Events], new Answer(placing.ReplyTo, told), new Answer(Sender, dispatch.Reply), reconcileAnyway: true);
    }

    protected override void Reconcile()
    {
        var task = _task;
        var wantsWorker = task?.WantsWorker == true;
        if (wantsWorker && !_queued)
        {
            _engine.Dispatcher.Tell(new DispatcherProtocol.Enqueue(task!.Id, task.Spec.Priority, task.DueAt, task.Spec.Placement), Self);
            _queued = true;
        }
        else if (!wantsWorker && _queued)
        {
            _engine.Dispatcher.Tell(new DispatcherProtocol.Dequeue(task!.Id), Self);
            _queued = false;
        }

        // A task due soon holds a timer; one due far ahead hands its due time to the index and passivates.
        var parks = KeepParked();
        if (task is { State: TaskState.Scheduled or TaskState.RetryWaiting } && !parks)
        {
            var wait = task.DueAt - Context.System.TimeProvider.GetUtcNow();
            Timers.StartSingleTimer("due", new TaskInput.Wake(task.Id), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel("due");
        }

        WatchNode(task?.Active?.Worker.Node);
        KeepTimer("resend", Resend.Instance, SendToWorker());

        // A settled task tells whoever waits for its end (its occurrence's schedule, the parent that fanned it out)
        // until they acknowledge it; a task that runs again (re-run) tells again when it settles again.
        _scheduleTold &= task?.IsSettled == true;
        _parentTold &= task?.IsSettled == true;
        KeepTimer("tell-owners", TellOwners.Instance, TellOwnersOfEnd());
        KeepTimer("children", SendToChildren.Instance, SendChildren(force: false));

        // A finished task (or an id nobody submitted) leaves memory after a while, once those waiting for its end know
        // and its children have heard what they must; with remember-entities a passivated entity is also not started
        // again with its shard. A parent whose children all have been submitted may leave too: each child's end wakes it.
        if (task is null || (ChildrenUnanswered(task) == 0 && ((task.IsSettled && !OwesWord(task)) || task.State is TaskState.WaitingForChildren)))
        {
            PassivateAfter(_engine.Settings.PassivateFinishedAfter);
        }
        else
        {
            StayInMemory();
        }
    }

    // The attempt out needs a word to its worker: a dispatched one is (re)sent until the worker answers; one the
    // client no longer wants (paused, cancelled, deleted, or re-run meanwhile) is asked to stop until it reports its
    // end. A running one needs nothing: its worker repeats its end until acknowledged.
    private bool SendToWorker()
    {
        if (_task is not { Active: { } active } task)
        {
            return false;
        }

        switch (task.State)
        {
            case TaskState.Dispatched:
                // The attempt that reduces a fan-out gets the children's ends.
                var children = task.FanOut is { Reduce: true, AllEnded: true } fanOut ? fanOut.Results : null;
                active.Worker.Actor.Tell(new WorkerProtocol.RunAttempt(task.Id, active.Number, task.Spec, _engine.Node, children), Self);
                return true;
            case TaskState.Running:
                return false;
            default:
                active.Worker.Actor.Tell(new WorkerProtocol.CancelAttempt(task.Id, active.Number), Self);
                return true;
        }
    }

    // A task waiting for its due time, with no attempt of an earlier run still stopping, may wait out of memory.
    protected override DateTimeOffset? ParkableUntil =>
        _task is { State: TaskState.Scheduled or TaskState.RetryWaiting, Active: null } task ? task.DueAt : null;

    private bool OwesWord(TaskRecord task) =>
        (task.Spec.Occurrence is not null && !_scheduleTold) || (task.Spec.ParentId is not null && !_parentTold);

    private bool TellOwnersOfEnd()
    {
        if (_task is not { IsSettled: true } task || !OwesWord(task))
        {
            return false;
        }

        if (!_scheduleTold && task.Spec.Occurrence is { } occurrence)
        {
            _engine.Schedules.Tell(new ScheduleInput.OccurrenceEnded(occurrence.ScheduleId, occurrence.At, task.Id, task.State), Self);
        }

        if (!_parentTold && task.Spec.ParentId is { } parent)
        {
            _engine.Tasks.Tell(new TaskInput.ChildEnded(parent, ChildResult.Of(task)), Self);
        }

        return true;
    }

    // A parent waiting for its children submits each one that has not answered (submits are idempotent: a child that
    // exists answers as it is); a parent cancelled or deleted while it waited cancels each child that had not ended.
    // Which child answered is kept in memory; once all have, the parent stores that (ChildrenSubmitted or
    // ChildrenCancelled), so a parent started again by each child's end does not ask every child again.
    // A new phase (another fan-out, or the cancel) sends at once; otherwise the periodic timer repeats what is missing.
    private bool SendChildren(bool force)
    {
        if (_task is not { FanOut: { } fanOut } task)
        {
            return false;
        }

        var submitting = task.State is TaskState.WaitingForChildren;
        var cancelling = task.State is TaskState.Cancelled or TaskState.Deleted;
        (bool, int)? phase = submitting || cancelling ? (submitting, fanOut.Attempt) : null;
        if (phase != _childrenPhase)
        {
            _childrenPhase = phase;
            _childrenAnswered.Clear();
            force = true;
        }

        if (ChildrenUnanswered(task) == 0)
        {
            if (phase is not null && !(submitting ? fanOut.SubmitsAnswered : fanOut.CancelsAnswered))
            {
                Handle(new TaskInput.ChildrenAnswered(fanOut.Attempt));
            }

            return false;
        }

        if (force)
        {
            var reason = "its parent '" + task.Id + "' was " + task.State.ToString().ToLowerInvariant();
            foreach (var child in fanOut.Pending.Where(child => !_childrenAnswered.Contains(child.Id!)))
            {
                _engine.Tasks.Tell(submitting ? new TaskCommand.Submit(child, ByParent: true) : new TaskInput.CancelChild(child, reason), Self);
            }
        }

        return true;
    }

    // A child that answers a submit has ended already when it finished (or was deleted) before; one whose id turns out
    // to belong to a task that is not this parent's child will never tell it of its end, so it counts as failed.
    private static ChildResult? SubmittedChildEnd(TaskRecord parent, TaskView child)
    {
        if (!string.Equals(child.ParentId, parent.Id, StringComparison.Ordinal))
        {
            return new ChildResult(child.Id, TaskState.Failed, null,
                new TaskError(ErrorKinds.InvalidFanOut, "the id '" + child.Id + "' belongs to a task that is not a child of '" + parent.Id + "'"));
        }

        return child.State.IsEnded() ? ChildResult.Of(child) : null;
    }

    private int ChildrenUnanswered(TaskRecord task) => task switch
    {
        { State: TaskState.WaitingForChildren, FanOut: { SubmitsAnswered: false } fanOut } => Unanswered(fanOut),
        { State: TaskState.Cancelled or TaskState.Deleted, FanOut: { CancelsAnswered: false } fanOut } => Unanswered(fanOut),
        _ => 0,
    };

    private int Unanswered(FanOutRecord fanOut) => fanOut.Pending.Count(child => !_childrenAnswered.Contains(child.Id!));

    // What a child answered to its parent's submit or cancel; an answer to the other phase's message is stale. A
    // submitted child that has already finished (one of an earlier fan-out of the same children) or that was refused
    // counts as ended at once: it will not tell of its end again.
    private void OnChildReply(TaskReply reply)
    {
        if (_task is not { FanOut: { } fanOut } task)
        {
            return;
        }

        var submitting = task.State is TaskState.WaitingForChildren;
        var (childId, ended) = reply switch
        {
            TaskReply.Accepted accepted when submitting => (accepted.Task.Id, SubmittedChildEnd(task, accepted.Task)),
            TaskReply.Invalid invalid when submitting => (invalid.TaskId,
                new ChildResult(invalid.TaskId, TaskState.Failed, null, new TaskError(ErrorKinds.InvalidPayload, invalid.Message))),
            TaskReply.Accepted accepted when accepted.Task.State.IsFinished() => (accepted.Task.Id, null),
            TaskReply.NotFound notFound when !submitting => (notFound.TaskId, null),
            TaskReply.InvalidTransition invalidTransition when !submitting => (invalidTransition.TaskId, null),
            _ => ((string?)null, (ChildResult?)null),
        };
        if (childId is null || !fanOut.Waits(childId))
        {
            return;
        }

        _childrenAnswered.Add(childId);
        if (ended is not null)
        {
            Handle(new TaskInput.ChildEnded(task.Id, ended));
        }
        else
        {
            Reconcile();
        }
    }

    private void WatchNode(UniqueAddress? node)
    {
        if (node == _watchedNode)
        {
            return;
        }

        if (_watchedNode is { } old)
        {
            _engine.NodeMonitor.Tell(new NodeMonitor.UnwatchNode(old), Self);
        }

        _watchedNode = node;
        if (node is not null)
        {
            _engine.NodeMonitor.Tell(new NodeMonitor.WatchNode(node), Self);
        }
    }

    private const string PlacingTimer = "placing";

    private sealed record Placing(TaskDecision Decision, IActorRef ReplyTo, TaskRecord Ready);

    private sealed record PlacingTimedOut
    {
        public static PlacingTimedOut Instance { get; } = new();
    }

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();
    }

    private sealed record TellOwners
    {
        public static TellOwners Instance { get; } = new();
    }

    private sealed record SendToChildren
    {
        public static SendToChildren Instance { get; } = new();
    }
}
