using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Execution;

/// <summary>
/// Watches one attempt: it creates the task type's executor (through dependency injection), starts the user's code
/// on the thread pool through the attempt's <see cref="AttemptRun"/>, keeps the heartbeat timeout and tells the worker
/// how the attempt ended. It runs under a <see cref="BackoffSupervisor"/>: when it crashes (most often because the
/// executor could not be created, say a dependency is down) it is started again after a growing delay. A new
/// incarnation attaches to code already started instead of starting it again, so one attempt never runs twice.
/// </summary>
internal sealed class AttemptExecutor : ReceiveActor, IWithTimers
{
    private readonly AttemptRun _run;
    private readonly IActorRef _worker;
    private readonly TimeSpan? _heartbeatTimeout;

    public AttemptExecutor(AttemptRun run, IActorRef worker, Func<ITaskExecutor> create, Func<CancellationToken, TaskContext> context, TimeSpan? heartbeatTimeout)
    {
        _run = run;
        _worker = worker;
        _heartbeatTimeout = heartbeatTimeout;
        Receive<Beat>(beat =>
        {
            ArmHeartbeat();
            _worker.Tell(new Progress(_run.TaskId, _run.Attempt, beat.Progress));
        });
        Receive<HeartbeatMissed>(_ => _run.Stop("heartbeat"));
        Receive<AttemptOutcome>(outcome =>
        {
            _worker.Tell(new Finished(_run.TaskId, _run.Attempt, outcome));
            Context.Stop(Self);
        });

        var execution = run.Execution ?? run.Start(Create(create), context);
        _ = execution.PipeTo(Self);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(AttemptRun run, IActorRef worker, Func<ITaskExecutor> create, Func<CancellationToken, TaskContext> context, TimeSpan? heartbeatTimeout) =>
        Actors.Props.Create(() => new AttemptExecutor(run, worker, create, context, heartbeatTimeout));

    protected override void PreStart() => ArmHeartbeat();

    // A failure to create the executor crashes this actor (its supervisor tries again later); the worker reports the
    // last one if the supervisor gives up.
    private ITaskExecutor Create(Func<ITaskExecutor> create)
    {
        try
        {
            return create();
        }
        catch (Exception e)
        {
            _run.Crash = e;
            throw;
        }
    }

    private void ArmHeartbeat()
    {
        if (_heartbeatTimeout is { } timeout)
        {
            Timers.StartSingleTimer("heartbeat", HeartbeatMissed.Instance, timeout);
        }
    }

    /// <summary>The context's heartbeat.</summary>
    public sealed record Beat(JsonElement? Progress);

    /// <summary>To the worker: a heartbeat with progress.</summary>
    public sealed record Progress(string TaskId, int Attempt, JsonElement? Value);

    /// <summary>To the worker: the attempt ended.</summary>
    public sealed record Finished(string TaskId, int Attempt, AttemptOutcome Outcome);

    private sealed record HeartbeatMissed
    {
        public static HeartbeatMissed Instance { get; } = new();
    }
}
