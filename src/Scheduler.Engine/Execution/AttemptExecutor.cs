using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Execution;

/// <summary>
/// Runs one attempt: a child of the worker, alive exactly as long as the user's code runs. The code runs on the
/// thread pool, so the actor stays free to take a cancellation, a timeout or a heartbeat meanwhile; its end comes
/// back as a message. The attempt ends only when the code returns, also after a cancellation: that is what lets the
/// worker promise that no other attempt of the task starts while this one still runs.
/// </summary>
#pragma warning disable CA1001 // The token source is never disposed on purpose: user code may still hold its token after the actor stopped.
internal sealed class AttemptExecutor : ReceiveActor, IWithTimers
#pragma warning restore CA1001
{
    private readonly string _taskId;
    private readonly int _attempt;
    private readonly TimeSpan? _heartbeatTimeout;
    private readonly CancellationTokenSource _cancellation = new();
    private string? _stopReason;

    public AttemptExecutor(string taskId, int attempt, Func<ITaskExecutor> create, Func<CancellationToken, TaskContext> context, TimeSpan? heartbeatTimeout)
    {
        _taskId = taskId;
        _attempt = attempt;
        _heartbeatTimeout = heartbeatTimeout;
        Receive<Stop>(stop =>
        {
            _stopReason ??= stop.Reason;
            _cancellation.Cancel();
        });
        Receive<Beat>(beat =>
        {
            ArmHeartbeat();
            Context.Parent.Tell(new Progress(_taskId, _attempt, beat.Progress));
        });
        Receive<HeartbeatMissed>(_ => Self.Tell(new Stop("heartbeat")));
        Receive<Ended>(ended =>
        {
            Context.Parent.Tell(new Finished(_taskId, _attempt, Outcome(ended.Result, ended.Error)));
            Context.Stop(Self);
        });
        Start(create, context);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string taskId, int attempt, Func<ITaskExecutor> create, Func<CancellationToken, TaskContext> context, TimeSpan? heartbeatTimeout) =>
        Actors.Props.Create(() => new AttemptExecutor(taskId, attempt, create, context, heartbeatTimeout));

    protected override void PreStart() => ArmHeartbeat();

    // Stopped with its code still running (the worker stops with its node): the code is told to stop.
    protected override void PostStop() => _cancellation.Cancel();

    private void Start(Func<ITaskExecutor> create, Func<CancellationToken, TaskContext> contextOf)
    {
        var self = Self;
        var token = _cancellation.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                var executor = create();
                var context = contextOf(token);
                var result = await executor.ExecuteAsync(context).ConfigureAwait(false);
                self.Tell(new Ended(result, null));
            }
#pragma warning disable CA1031 // Whatever user code throws ends its attempt as failed; nothing may escape.
            catch (Exception e)
#pragma warning restore CA1031
            {
                self.Tell(new Ended(null, e));
            }
        }, CancellationToken.None);
    }

    private void ArmHeartbeat()
    {
        if (_heartbeatTimeout is { } timeout)
        {
            Timers.StartSingleTimer("heartbeat", HeartbeatMissed.Instance, timeout);
        }
    }

    private AttemptOutcome Outcome(JsonElement? result, Exception? error)
    {
        if (error is null)
        {
            return new AttemptOutcome.Succeeded(result);
        }

        if (_stopReason is not null && error is OperationCanceledException)
        {
            return _stopReason is "cancel" ? AttemptOutcome.Cancelled.Instance : new AttemptOutcome.TimedOut(_stopReason);
        }

        var kind = error is TaskFailedException failed ? failed.Kind : error.GetType().Name;
        return new AttemptOutcome.Failed(new TaskError(kind, error.Message));
    }

    /// <summary>Stop the attempt: <c>cancel</c>, or the name of the timeout that elapsed.</summary>
    public sealed record Stop(string Reason);

    /// <summary>The context's heartbeat.</summary>
    public sealed record Beat(JsonElement? Progress);

    /// <summary>To the worker: a heartbeat with progress.</summary>
    public sealed record Progress(string TaskId, int Attempt, JsonElement? Value);

    /// <summary>To the worker: the attempt ended.</summary>
    public sealed record Finished(string TaskId, int Attempt, AttemptOutcome Outcome);

    private sealed record Ended(JsonElement? Result, Exception? Error);

    private sealed record HeartbeatMissed
    {
        public static HeartbeatMissed Instance { get; } = new();
    }
}
