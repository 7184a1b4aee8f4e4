using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Dispatch;
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
    private TaskRecord? _task;
    private bool _queued;
    private UniqueAddress? _watchedNode;
    private bool _scheduleTold;

    public TaskEntity(string id, EngineRuntime engine)
        : base(TaskEvent.Tag)
    {
        _engine = engine;
        PersistenceId = PersistencePrefix + id;
        Recover<TaskEvent>(Apply);
        Recover<RecoveryCompleted>(_ => Reconcile());
        Command<TaskInput.Offer>(offer =>
        {
            _queued = false;
            Handle(offer);
        });
        Command<TaskInput.Woken>(woken =>
        {
            // Awake now, the task holds its due time itself (a timer, or it is due): the index's row may go.
            Sender.Tell(new TaskInput.WokenAnswer(woken.TaskId, woken.DueAt), Self);
            Handle(new TaskInput.Wake(woken.TaskId));
        });
        Command<TaskCommand>(Handle);
        Command<AttemptReport>(Handle);
        Command<TaskInput>(Handle);
        Command<Resend>(_ =>
        {
            SendToWorker();
        });
        Command<ScheduleInput.OccurrenceEndedAck>(_ =>
        {
            _scheduleTold = true;
            Reconcile();
        });
        Command<Park>(_ =>
        {
            if (Parks(_task))
            {
                _engine.DueIndex!.Tell(new DueIndexWriter.Register(_task!.Id, _task.DueAt), Self);
            }
        });
        Command<DueIndexWriter.Registered>(registered =>
        {
            // Stored: the row wakes the task, so it may leave memory (and, passivated, is not remembered by its shard).
            if (Parks(_task) && _task!.DueAt == registered.DueAt)
            {
                Timers.Cancel("park");
                Passivate();
            }
        });
        Command<TellSchedule>(_ =>
        {
            TellScheduleOfEnd();
        });
    }

    /// <summary>Persistence ids of tasks are this and the task id.</summary>
    public const string PersistencePrefix = "task-";

    public override string PersistenceId { get; }

    public static Props Props(string id, EngineRuntime engine) => Actors.Props.Create(() => new TaskEntity(id, engine));

    protected override void PostStop()
    {
        if (_queued)
        {
            _engine.Dispatcher.Tell(new DispatcherProtocol.Dequeue(_task!.Id), Self);
        }

        if (_watchedNode is { } node)
        {
            _engine.NodeMonitor.Tell(new NodeMonitor.UnwatchNode(node), Self);
        }

        base.PostStop();
    }

    protected override void Apply(TaskEvent change) => _task = TaskLifecycle.Apply(_task, change);

    private void Handle(object input)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        var decision = TaskLifecycle.Decide(_task, input, new DecisionContext(now, Random.Shared.NextDouble(), _engine.Settings.Limits));

        // Unchanged, a wake that came a little early (timers are not exact) arms the timer again, and a settled or
        // missing task arms its passivation.
        Carry(decision.Events, decision.Reply, reconcileAnyway: input is TaskInput.Wake || _task is null || _task.IsSettled);
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
        var parks = Parks(task);
        if (task is { State: TaskState.Scheduled or TaskState.RetryWaiting } && !parks)
        {
            var wait = task.DueAt - Context.System.TimeProvider.GetUtcNow();
            Timers.StartSingleTimer("due", new TaskInput.Wake(task.Id), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel("due");
        }

        if (parks)
        {
            _engine.DueIndex!.Tell(new DueIndexWriter.Register(task!.Id, task.DueAt), Self);
            Timers.StartPeriodicTimer("park", Park.Instance, _engine.Settings.ResendInterval);
        }
        else
        {
            Timers.Cancel("park");
        }

        WatchNode(task?.Active?.Worker.Node);
        if (SendToWorker())
        {
            Timers.StartPeriodicTimer("resend", Resend.Instance, _engine.Settings.ResendInterval);
        }
        else
        {
            Timers.Cancel("resend");
        }

        // The task of a schedule's occurrence tells the schedule of its end until the schedule acknowledges it; a
        // task that runs again (re-run) tells again when it settles again.
        _scheduleTold &= task?.IsSettled == true;
        if (TellScheduleOfEnd())
        {
            Timers.StartPeriodicTimer("tell-schedule", TellSchedule.Instance, _engine.Settings.ResendInterval);
        }
        else
        {
            Timers.Cancel("tell-schedule");
        }

        // A finished task (or an id nobody submitted) leaves memory after a while, once its schedule knows; with
        // remember-entities a passivated entity is also not started again with its shard.
        if (task is null || (task.IsSettled && (_scheduleTold || task.Spec.Occurrence is null)))
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
                active.Worker.Actor.Tell(new WorkerProtocol.RunAttempt(task.Id, active.Number, task.Spec, _engine.Node), Self);
                return true;
            case TaskState.Running:
                return false;
            default:
                active.Worker.Actor.Tell(new WorkerProtocol.CancelAttempt(task.Id, active.Number), Self);
                return true;
        }
    }

    // True when the task waits for a due time further ahead than passivate-waiting-after, with no attempt of an
    // earlier run still stopping, and the node keeps a due-time index (SQL journals only).
    private bool Parks(TaskRecord? task) =>
        _engine.DueIndex is not null
        && task is { State: TaskState.Scheduled or TaskState.RetryWaiting, Active: null }
        && task.DueAt - Context.System.TimeProvider.GetUtcNow() > _engine.Settings.PassivateWaitingAfter;

    private bool TellScheduleOfEnd()
    {
        if (_scheduleTold || _task is not { IsSettled: true, Spec.Occurrence: { } occurrence } task)
        {
            return false;
        }

        _engine.Schedules.Tell(new ScheduleInput.OccurrenceEnded(occurrence.ScheduleId, occurrence.At, task.Id, task.State), Self);
        return true;
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

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();
    }

    private sealed record Park
    {
        public static Park Instance { get; } = new();
    }

    private sealed record TellSchedule
    {
        public static TellSchedule Instance { get; } = new();
    }
}
