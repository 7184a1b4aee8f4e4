using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Cluster.Events;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Placement;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Workers;

/// <summary>
/// The worker of a node with the worker role: it runs attempts in <see cref="AttemptExecutor"/> children within its
/// slots, and tells every dispatcher of the cluster what room it has.
/// </summary>
/// <remarks>
/// Messages between nodes may be lost, so both sides repeat: a task entity repeats an attempt until this worker
/// answers, and this worker repeats an attempt's end until the entity acknowledges it. Every answer is idempotent:
/// a repeated attempt that runs is answered Started again, one that ended is answered with its remembered end
/// (never run twice), and a cancel for an attempt never seen leaves a remembered "cancelled" so a late copy of the
/// attempt does not start it.
/// </remarks>
internal sealed partial class Worker : ReceiveActor, IWithTimers
{
    private readonly EngineSettings _settings;
    private readonly WorkerSettings _capacity;
    private readonly ExecutorRegistry _executors;
    private readonly IServiceProvider _services;
    private readonly IActorRef _tasks;
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly OutcomeMemory _outcomes;
    private readonly Dictionary<(string TaskId, int Attempt), AttemptReport.Completed> _unacknowledged = [];
    private readonly Dictionary<Address, IActorRef> _dispatchers = [];
    private readonly Dictionary<string, long> _seenFrom = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private WorkerCapacity _room;
    private long _version;
    private bool _advertising;
    private bool _downed;
    private IActorRef? _drainedReplyTo;
    private bool _drainExpired;

    public Worker(EngineSettings settings, ExecutorRegistry executors, IServiceProvider services, IActorRef tasks)
    {
        _settings = settings;
        _capacity = settings.Worker;
        _executors = executors;
        _services = services;
        _tasks = tasks;
        var cluster = Cluster.Cluster.Get(Context.System);
        _outcomes = new OutcomeMemory(_capacity.RememberedOutcomes);
        _loggers = Context.System.LoggerFactory;
        _log = _loggers.CreateLogger<Worker>();
        _room = new WorkerCapacity(new WorkerRef(Self, cluster.SelfUniqueAddress), _capacity.Slots, _capacity.Slots,
            _capacity.CpuMillis, _capacity.CpuMillis, _capacity.MemoryMiB, _capacity.MemoryMiB,
            _capacity.Tags.ToHashSet(StringComparer.Ordinal), cluster.SelfRoles.ToHashSet(StringComparer.Ordinal));

        Receive<WorkerProtocol.RunAttempt>(OnRun);
        ReceiveDrain();
        Receive<Terminated>(OnExecutorStopped);
        Receive<WorkerProtocol.CancelAttempt>(OnCancel);
        Receive<AttemptExecutor.Progress>(progress => _tasks.Tell(new AttemptReport.Heartbeat(progress.TaskId, progress.Attempt, progress.Value), Self));
        Receive<HeartbeatFromCode>(beat =>
        {
            if (_running.TryGetValue(beat.TaskId, out var running) && running.Attempt == beat.Attempt)
            {
                running.Executor.Tell(new AttemptExecutor.Beat(beat.Progress));
            }
        });
        Receive<AttemptExecutor.Finished>(OnFinished);
        Receive<StartedReport>(OnStartedReport);
        Receive<AttemptReportAck>(ack =>
        {
            _unacknowledged.Remove((ack.TaskId, ack.Attempt));
            CheckDrained();
        });
        Receive<Timeout>(OnTimeout);
        Receive<AdvertiseNow>(_ => SendStatus());
        Receive<Tick>(_ =>
        {
            foreach (var completed in _unacknowledged.Values)
            {
                _tasks.Tell(completed, Self);
            }

            Advertise();
        });
        Receive<CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status is Cluster.Members.MemberStatus.Up))
            {
                AddDispatcher(member);
            }
        });
        Receive<ClusterEvent.MemberUp>(up => AddDispatcher(up.Member));
        Receive<ClusterEvent.MemberRemoved>(removed => { _dispatchers.Remove(removed.Member.Address); });
        Receive<ClusterEvent.MemberDowned>(downed =>
        {
            if (downed.Member.UniqueAddress == cluster.SelfUniqueAddress)
            {
                OnSelfDowned();
            }
        });
        Receive<ClusterEvent.MemberEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EngineSettings settings, ExecutorRegistry executors, IServiceProvider services, IActorRef tasks) =>
        Actors.Props.Create(() => new Worker(settings, executors, services, tasks));

    protected override void PreStart()
    {
        Cluster.Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));
        Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.ResendInterval);
        var self = Self;
        var shutdown = Context.System.CoordinatedShutdown;
        var phaseTimeout = shutdown.Timeout(CoordinatedShutdown.PhaseBeforeClusterShutdown);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "drain-worker",
            cancellation => self.Ask<Drained>(Drain.Instance, phaseTimeout, cancellation));
    }

    protected override void PostStop()
    {
        Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

        // The system stops (without a drain, or after one that ran out of time): code still running is told to stop.
        foreach (var running in _running.Values)
        {
            running.Run.Stop(AttemptRun.LeavingReason);
        }
    }

    private void OnRun(WorkerProtocol.RunAttempt run)
    {
        _running.TryGetValue(run.TaskId, out var running);
        if (running?.Attempt == run.Attempt)
        {
            Sender.Tell(new AttemptReport.Started(run.TaskId, run.Attempt));
            return;
        }

        if (_outcomes.Find(run.TaskId, run.Attempt) is { } answer)
        {
            Sender.Tell(answer);
            return;
        }

        var origin = run.Origin.ToString();
        _seenFrom[origin] = _seenFrom.GetValueOrDefault(origin) + 1;
        if (TakesNoWork)
        {
            Refuse(run, _downed ? "this node was downed" : "this node is leaving the cluster");
            return;
        }

        if (running is not null)
        {
            Refuse(run, "attempt " + running.Attempt + " of the task still runs here");
            return;
        }

        if (!_executors.Knows(run.Spec.Type))
        {
            Complete(run.TaskId, run.Attempt, new AttemptOutcome.Failed(new TaskError(ErrorKinds.UnknownType,
                "no executor is registered for task type '" + run.Spec.Type + "' on " + _room.Worker.Node.Address)));
            return;
        }

        var resources = run.Spec.Placement.Resources;
        if (!PlacementPolicy.Fits(resources, _room))
        {
            Refuse(run, "no room: " + _room.FreeSlots + " free slots");
            return;
        }

        _room = _room.Taking(resources);
        var attemptRun = new AttemptRun(run.TaskId, run.Attempt);
        var executor = Context.ActorOf(BackoffSupervisor.Props(ExecutorSupervision(Executor(run, attemptRun))), null);
        Context.Watch(executor);
        _running[run.TaskId] = new Running(run.Attempt, executor, attemptRun, resources);
        if (run.Spec.StartToCloseTimeout is { } timeout)
        {
            Timers.StartSingleTimer(("timeout", run.TaskId), new Timeout(run.TaskId, run.Attempt), timeout);
        }

        ReportStarted(run, Sender);
        Advertise();
    }

    // A short attempt ends before its start would be reported: its end then says both, and its task stores the start
    // with the end in one write (as Temporal records an activity's start with its completion). A task resending
    // the attempt meanwhile is answered Started at once (OnRun).
    private void ReportStarted(WorkerProtocol.RunAttempt run, IActorRef task)
    {
        var started = new AttemptReport.Started(run.TaskId, run.Attempt);
        if (_capacity.ReportStartedAfter <= TimeSpan.Zero)
        {
            task.Tell(started);
            return;
        }

        Timers.StartSingleTimer(("started", run.TaskId), new StartedReport(started, task), _capacity.ReportStartedAfter);
    }

    // A refusal is remembered like an outcome, so a late copy of the attempt is refused again rather than run.
    private void Refuse(WorkerProtocol.RunAttempt run, string reason)
    {
        var rejected = new AttemptReport.Rejected(run.TaskId, run.Attempt, reason);
        _outcomes.Remember(run.TaskId, run.Attempt, rejected);
        Sender.Tell(rejected);
        Advertise();
    }

    private BackoffOptions ExecutorSupervision(Props executor) =>
        new(executor, "executor", _capacity.ExecutorMinBackoff, _capacity.ExecutorMaxBackoff, randomFactor: 0.2)
        {
            MaxRestarts = _capacity.ExecutorMaxRestarts,
            ResetBackoffAfter = _capacity.ExecutorMaxBackoff,

            // Whatever the executor actor dies of, including failing to start, it is started again after the delay.
            Decider = static _ => Directive.Restart,
        };

    private Props Executor(WorkerProtocol.RunAttempt run, AttemptRun attemptRun)
    {
        var spec = run.Spec;
        var logger = _loggers.CreateLogger("Scheduler.Tasks." + spec.Type);
        var services = _services;
        var executors = _executors;
        var self = Self;
        var (taskId, attempt) = (run.TaskId, run.Attempt);
        var (limits, time) = (_settings.Limits, Context.System.TimeProvider);
        return AttemptExecutor.Props(
            attemptRun,
            self,
            () => executors.Create(spec.Type, services)!,
            token => new TaskContext(taskId, attempt, spec.Type, spec.Payload, spec.Labels, logger, Beat(self, taskId, attempt), token, run.Children, limits, time),
            spec.HeartbeatTimeout);
    }

    // A heartbeat from user code goes to the attempt's executor through the worker (which knows it by task id).
    private static Action<JsonElement?> Beat(IActorRef worker, string taskId, int attempt) =>
        progress => worker.Tell(new HeartbeatFromCode(taskId, attempt, progress));

    private void OnCancel(WorkerProtocol.CancelAttempt cancel)
    {
        if (_running.TryGetValue(cancel.TaskId, out var running) && running.Attempt == cancel.Attempt)
        {
            running.Run.Stop(AttemptRun.CancelReason);
        }
        else if (_outcomes.Find(cancel.TaskId, cancel.Attempt) is { } answer)
        {
            Sender.Tell(answer);
        }
        else
        {
            Complete(cancel.TaskId, cancel.Attempt, AttemptOutcome.Cancelled.Instance);
        }
    }

    private void OnFinished(AttemptExecutor.Finished finished)
    {
        if (_running.TryGetValue(finished.TaskId, out var running) && running.Attempt == finished.Attempt)
        {
            _running.Remove(finished.TaskId);
            Timers.Cancel(("timeout", finished.TaskId));
            Timers.Cancel(("started", finished.TaskId));
            _room = _room.Returning(running.Resources);
            Advertise();
        }

        // On a downed node an attempt stopped for that reason is not reported: the cluster gives it up without
        // counting it when the node is removed. An attempt that ended on its own is still a true answer.
        if (_downed && finished.Outcome is AttemptOutcome.TimedOut { Which: NodeDowned })
        {
            CheckDrained();
            return;
        }

        Complete(finished.TaskId, finished.Attempt, finished.Outcome);
    }

    /// <summary>
    /// An attempt's supervisor stopped. After a normal end the attempt is gone already. Otherwise its executor actor
    /// kept crashing: if the code never started the attempt fails; if it did, its end is awaited here, since no
    /// other attempt may start while it runs.
    /// </summary>
    private void OnExecutorStopped(Terminated terminated)
    {
        var entry = _running.FirstOrDefault(pair => pair.Value.Executor.Equals(terminated.ActorRef));
        if (entry.Value is not { } running)
        {
            return;
        }

        if (running.Run.Execution is { } execution)
        {
            var (taskId, attempt) = (entry.Key, running.Attempt);
            _ = execution.PipeTo(Self, success: outcome => new AttemptExecutor.Finished(taskId, attempt, outcome));
            return;
        }

        var crash = running.Run.Crash;
        var error = new TaskError(ErrorKinds.ExecutorCrashed, "the attempt's executor actor crashed " + (_capacity.ExecutorMaxRestarts + 1)
            + " times" + (crash is null ? "" : ", last with " + crash.GetType().Name + ": " + crash.Message));
        OnFinished(new AttemptExecutor.Finished(entry.Key, running.Attempt, new AttemptOutcome.Failed(error)));
    }

    private void ReceiveDrain()
    {
        Receive<Drain>(_ => OnDrain());
        Receive<DrainTimedOut>(_ =>
        {
            _drainExpired = true;
            foreach (var running in _running.Values)
            {
                running.Run.Stop(AttemptRun.LeavingReason);
            }

            CheckDrained();
        });
    }

    /// <summary>
    /// The node leaves the cluster (coordinated shutdown): take no more attempts, give running ones the drain
    /// timeout to finish, then cancel them; answer <see cref="Drained"/> once every end is acknowledged, so the task
    /// entities (still on their nodes: this phase runs before sharding hands them off) know about each one.
    /// </summary>
    private void OnDrain()
    {
        if (Context.System.CoordinatedShutdown.Reason == ShutdownReason.ClusterDowning)
        {
            // Downed, not leaving: the cluster redoes these attempts once the node is removed; they only have to stop.
            OnSelfDowned();
        }

        if (_drainedReplyTo is null)
        {
            WorkerLog.Draining(_log, _running.Count, _capacity.DrainTimeout);
            Context.System.EventStream.Publish(new Draining(_running.Count));
            Timers.StartSingleTimer("drain", DrainTimedOut.Instance, _capacity.DrainTimeout);
        }

        _drainedReplyTo = Sender;
        Advertise();
        CheckDrained();
    }

    private void CheckDrained()
    {
        // A downed node waits for its code to stop, not for acknowledgements: nobody may be listening any more. Nor
        // does any node past the drain timeout (the whole cluster may be stopping): an end never acknowledged is
        // safe, since the attempt is given up and run again once this node is removed.
        if (_drainedReplyTo is not null && _running.Count == 0 && (_downed || _drainExpired || _unacknowledged.Count == 0))
        {
            Timers.Cancel("drain");
            _drainedReplyTo.Tell(Drained.Instance);
        }
    }

    /// <summary>
    /// This node was downed: the rest of the cluster will give its attempts up once it is removed (after the removal
    /// margin) and run them elsewhere, so they must stop now, whatever the shutdown that follows takes.
    /// </summary>
    private void OnSelfDowned()
    {
        if (_downed)
        {
            return;
        }

        _downed = true;
        WorkerLog.Downed(_log, _running.Count);
        foreach (var running in _running.Values)
        {
            running.Run.Stop(NodeDowned);
        }
    }

    private void Complete(string taskId, int attempt, AttemptOutcome outcome)
    {
        var completed = new AttemptReport.Completed(taskId, attempt, outcome);
        _outcomes.Remember(taskId, attempt, completed);
        _unacknowledged[(taskId, attempt)] = completed;
        _tasks.Tell(completed, Self);
        CheckDrained();
    }

    private void AddDispatcher(Cluster.Members.Member member)
    {
        if (!_settings.IsUpEngineNode(member))
        {
            return;
        }

        var dispatcher = SchedulerEngine.DispatcherOn(Context.System, member.Address);
        _dispatchers[member.Address] = dispatcher;
        dispatcher.Tell(Status(), Self);
    }

    // Changes that come together (a busy worker starts and ends many attempts between two turns of its mailbox) go
    // out as one status: the request to send it queues behind what the mailbox already holds. Each status costs every
    // dispatcher a recount and a round of placement; at two changes per task they were most of what dispatchers did.
    private void Advertise()
    {
        if (!_advertising)
        {
            _advertising = true;
            Self.Tell(AdvertiseNow.Instance);
        }
    }

    private void SendStatus()
    {
        _advertising = false;
        _version++;
        var status = Status();
        foreach (var dispatcher in _dispatchers.Values)
        {
            dispatcher.Tell(status, Self);
        }
    }

    // A node that leaves or was downed advertises no room, so no dispatcher picks it.
    private WorkerProtocol.Status Status() => new(_room.Worker, _version, _room.Slots, TakesNoWork ? 0 : _room.FreeSlots, _room.CpuMillis, _room.FreeCpuMillis,
        _room.MemoryMiB, _room.FreeMemoryMiB, _capacity.Tags, [.. _room.Roles], new Dictionary<string, long>(_seenFrom, StringComparer.Ordinal));

    /// <summary>Downed, or draining because the node leaves (a drain has someone to answer).</summary>
    private bool TakesNoWork => _downed || _drainedReplyTo is not null;

    /// <summary>Why attempts stop when their node is downed (see <see cref="OnSelfDowned"/>).</summary>
    private const string NodeDowned = "node-downed";

    private sealed record Running(int Attempt, IActorRef Executor, AttemptRun Run, ResourceRequest Resources);

    /// <summary>From coordinated shutdown: drain the worker; answered with <see cref="Drained"/>.</summary>
    private sealed record Drain
    {
        public static Drain Instance { get; } = new();
    }

    private sealed record Drained
    {
        public static Drained Instance { get; } = new();
    }

    private sealed record DrainTimedOut
    {
        public static DrainTimedOut Instance { get; } = new();
    }

    /// <summary>Published on the event stream when the worker starts draining, with the attempts then running.</summary>
    public sealed record Draining(int Running);

    private void OnTimeout(Timeout timeout)
    {
        if (_running.TryGetValue(timeout.TaskId, out var running) && running.Attempt == timeout.Attempt)
        {
            running.Run.Stop("start-to-close");
        }
    }

    private void OnStartedReport(StartedReport report)
    {
        if (_running.TryGetValue(report.Started.TaskId, out var running) && running.Attempt == report.Started.Attempt)
        {
            report.Task.Tell(report.Started);
        }
    }

    private sealed record Timeout(string TaskId, int Attempt);

    private sealed record StartedReport(AttemptReport.Started Started, IActorRef Task);

    private sealed record HeartbeatFromCode(string TaskId, int Attempt, JsonElement? Progress);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record AdvertiseNow
    {
        public static AdvertiseNow Instance { get; } = new();
    }

    private static partial class WorkerLog
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "This node was downed: its {Count} running attempts are stopped and it takes no more")]
        public static partial void Downed(ILogger logger, int count);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "This node leaves the cluster: {Count} running attempts get {Timeout} to finish, then they are cancelled to run elsewhere")]
        public static partial void Draining(ILogger logger, int count, TimeSpan timeout);
    }
}
