using Scheduler.Actors;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Waking;
using Scheduler.Persistence;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// One schedule, as a sharded, persistent, remembered entity. It stores what <see cref="ScheduleLifecycle"/> decides
/// before it answers, and after each change carries out what the state implies (<see cref="Reconcile"/>): a timer
/// for the next wake; the submit of every fired occurrence's task until its entity confirms it (the task id is made
/// from the occurrence, so a repeated submit finds the same task); under cancel-previous, a cancel to the running
/// occurrence until it is cancelled. Tasks tell the schedule when they end. A schedule that next wakes further ahead
/// than passivate-waiting-after hands its wake time to the due-time index and passivates, as a waiting task does.
/// Like the task entity, a schedule recovered on another node picks up where its state says: a wake missed while it
/// was away is planned by the misfire policy.
/// </summary>
internal sealed class ScheduleEntity : EngineEntity<ScheduleEvent>
{
    private readonly EngineRuntime _engine;
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);
    private ScheduleRecord? _schedule;
    private bool _unanswered;

    public ScheduleEntity(string id, EngineRuntime engine)
        : base(ScheduleEvent.Tag, engine, id, DueKeys.Schedule(id))
    {
        _engine = engine;
        PersistenceId = PersistencePrefix + id;
    }

    protected override bool Command(object message)
    {
        switch (message)
        {
            case ScheduleInput.Woken woken:
                // Awake now, the schedule holds its wake time itself (a timer, or it is due): the index's row may go.
                Sender.Tell(new ScheduleInput.WokenAnswer(woken.ScheduleId, woken.DueAt), Self);
                Handle(new ScheduleInput.Wake(woken.ScheduleId));
                return true;
            case ScheduleCommand or ScheduleInput:
                Handle(message);
                return true;
            case TaskReply reply:
                NoteCancelled(reply);
                Handle(reply);
                return true;
            case Resend:
                SendToTasks();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Persistence ids of schedules are this and the schedule id.</summary>
    public const string PersistencePrefix = "schedule-";

    public override string PersistenceId { get; }

    public static Props Props(string id, EngineRuntime engine) => Actors.Props.Create(() => new ScheduleEntity(id, engine));

    protected override void Apply(ScheduleEvent change) => _schedule = ScheduleLifecycle.Apply(_schedule, change);

    private void Handle(object input)
    {
        var decision = ScheduleLifecycle.Decide(_schedule, input, Context.System.TimeProvider.GetUtcNow(), _engine.Settings.Limits);

        // Unchanged, a wake that came a little early (timers are not exact) arms the timer again.
        Carry(decision.Events, decision.Reply, reconcileAnyway: input is ScheduleInput.Wake);
    }

    protected override void Reconcile()
    {
        var schedule = _schedule;
        var unanswered = SendToTasks();
        _unanswered = unanswered;

        // An active schedule that wakes soon holds a timer; one that wakes far ahead, with nothing left to tell its
        // tasks, hands its wake time to the index and leaves memory.
        var parks = KeepParked();
        if (schedule is { Status: ScheduleStatus.Active, WakeAt: { } wakeAt } && !parks)
        {
            var wait = wakeAt - Context.System.TimeProvider.GetUtcNow();
            Timers.StartSingleTimer("wake", new ScheduleInput.Wake(schedule.Id), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel("wake");
        }

        KeepTimer("resend", Resend.Instance, unanswered);

        // A schedule with nothing to fire and nothing to tell its tasks leaves memory; an occurrence's end, or a
        // client's command, starts it again.
        if ((schedule is null || schedule.Status is not ScheduleStatus.Active) && !unanswered)
        {
            PassivateAfter(_engine.Settings.PassivateFinishedAfter);
        }
        else
        {
            StayInMemory();
        }
    }

    // An active schedule with nothing unanswered out to its tasks may wait for its next wake out of memory (an
    // occurrence still running tells the schedule of its end, which starts it again).
    protected override DateTimeOffset? ParkableUntil =>
        !_unanswered && _schedule is { Status: ScheduleStatus.Active, WakeAt: { } wakeAt } ? wakeAt : null;

    // Submits every fired occurrence's task its entity has not confirmed, and under cancel-previous asks the running
    // occurrences to stop until their entities say they are cancelled. True while anything is still unanswered.
    private bool SendToTasks()
    {
        if (_schedule is not { Status: not ScheduleStatus.Deleted } schedule)
        {
            return false;
        }

        var tasks = _engine.Tasks;
        foreach (var occurrence in schedule.Unconfirmed)
        {
            var spec = schedule.Spec.Task with
            {
                Id = schedule.TaskIdOf(occurrence),
                Occurrence = new Model.ScheduleOccurrence(schedule.Id, occurrence),
            };
            tasks.Tell(new TaskCommand.Submit(spec), Self);
        }

        var running = schedule.Progress.Active.Select(schedule.TaskIdOf).ToList();
        _cancelled.IntersectWith(running);
        var toCancel = schedule.CancelsRunning ? running.Where(id => !_cancelled.Contains(id)).ToList() : [];
        foreach (var taskId in toCancel)
        {
            tasks.Tell(new TaskCommand.Cancel(taskId, "replaced by a newer occurrence of schedule '" + schedule.Id + "'"), Self);
        }

        return toCancel.Count > 0 || !schedule.Unconfirmed.IsEmpty;
    }

    // A running occurrence that answered a cancel as cancelled (or as already finished) needs no more cancels.
    private void NoteCancelled(TaskReply reply)
    {
        switch (reply)
        {
            case TaskReply.Accepted { Task.State: TaskState.Cancelled } accepted:
                _cancelled.Add(accepted.Task.Id);
                break;
            case TaskReply.InvalidTransition { Command: "cancel" } refused:
                _cancelled.Add(refused.TaskId);
                break;
        }
    }

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();
    }
}
