using System.Globalization;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Execution;

/// <summary>
/// One attempt's run of user code. The worker owns it and every incarnation of the attempt's executor actor shares it:
/// the code is started at most once however often the actor is restarted, and stopping it does not need the actor
/// (which may be between incarnations). Thread-safe: the worker stops it, the code's own task completes it.
/// </summary>
#pragma warning disable CA1001 // The token source is never disposed on purpose: user code may still hold its token after the attempt ended.
internal sealed class AttemptRun(string taskId, int attempt)
#pragma warning restore CA1001
{
    /// <summary>Why the worker stops an attempt when the task asked for it.</summary>
    public const string CancelReason = "cancel";

    /// <summary>Why the worker stops an attempt when its node leaves the cluster (the attempt runs again elsewhere).</summary>
    public const string LeavingReason = "node-leaving";

    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _gate = new();
    private string? _stopReason;
    private Task<AttemptOutcome>? _execution;
    private Exception? _crash;

    public string TaskId { get; } = taskId;

    public int Attempt { get; } = attempt;

    /// <summary>The code's run, ending with the attempt's outcome (it never faults); null until <see cref="Start"/>.</summary>
    public Task<AttemptOutcome>? Execution
    {
        get
        {
            lock (_gate)
            {
                return _execution;
            }
        }
    }

    /// <summary>Why the executor actor last crashed, if it did.</summary>
    public Exception? Crash
    {
        get
        {
            lock (_gate)
            {
                return _crash;
            }
        }

        set
        {
            lock (_gate)
            {
                _crash = value;
            }
        }
    }

    /// <summary>Cancels the code's token; the first reason given decides how a cancelled end is reported.</summary>
    public void Stop(string reason)
    {
        lock (_gate)
        {
            _stopReason ??= reason;
        }

        _cancellation.Cancel();
    }

    /// <summary>Runs <paramref name="executor"/> on the thread pool, unless the code was started already.</summary>
    public Task<AttemptOutcome> Start(ITaskExecutor executor, Func<CancellationToken, TaskContext> contextOf)
    {
        lock (_gate)
        {
            return _execution ??= Task.Run(() => RunAsync(executor, contextOf(_cancellation.Token)), CancellationToken.None);
        }
    }

    private async Task<AttemptOutcome> RunAsync(ITaskExecutor executor, TaskContext context)
    {
        try
        {
            var result = await executor.ExecuteAsync(context).ConfigureAwait(false);
            if (context.FannedOut is { } fannedOut)
            {
                return fannedOut;
            }

            // A result travels in the worker's report and is kept in the task: bounded, so both stay deliverable.
            var bytes = JsonSize.Of(result);
            return bytes <= context.Limits.MaxResultBytes
                ? new AttemptOutcome.Succeeded(result)
                : new AttemptOutcome.Failed(new TaskError(ErrorKinds.ResultTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"the result is {bytes} bytes of JSON, more than the limit of {context.Limits.MaxResultBytes}; return a reference to the data instead")));
        }
#pragma warning disable CA1031 // Whatever user code throws ends its attempt as failed; nothing may escape.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Outcome(e);
        }
    }

    private AttemptOutcome Outcome(Exception error)
    {
        string? reason;
        lock (_gate)
        {
            reason = _stopReason;
        }

        if (reason is not null && error is OperationCanceledException)
        {
            // Cancelled on request or because the node leaves: the task runs again (or stays cancelled) without the
            // attempt counting as a failure. Any other reason is a timeout the retry policy judges.
            return reason is CancelReason or LeavingReason ? AttemptOutcome.Cancelled.Instance : new AttemptOutcome.TimedOut(reason);
        }

        var kind = error is TaskFailedException failed ? failed.Kind : error.GetType().Name;
        return new AttemptOutcome.Failed(new TaskError(kind, error.Message));
    }
}
