using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Execution;

/// <summary>What an executor gets for one attempt: which attempt, the payload, a cancellation token, a way to report progress, a logger.</summary>
public sealed class TaskContext
{
    private readonly Action<JsonElement?> _heartbeat;
    private readonly TimeProvider _time;
    private AttemptOutcome.FannedOut? _fanOut;

    internal TaskContext(string taskId, int attempt, string type, JsonElement? payload, IReadOnlyDictionary<string, string> labels,
        ILogger logger, Action<JsonElement?> heartbeat, CancellationToken cancellationToken, IReadOnlyList<ChildResult>? children = null,
        TaskLimits? limits = null, TimeProvider? time = null)
    {
        Children = children;
        Limits = limits ?? TaskLimits.Default;
        _time = time ?? TimeProvider.System;
        TaskId = taskId;
        Attempt = attempt;
        Type = type;
        Payload = payload;
        Labels = labels;
        CancellationToken = cancellationToken;
        Logger = logger;
        _heartbeat = heartbeat;
    }

    /// <summary>The task id.</summary>
    public string TaskId { get; }

    /// <summary>The attempt number; with <see cref="TaskId"/> it is the attempt's idempotency key.</summary>
    public int Attempt { get; }

    /// <summary>The task type.</summary>
    public string Type { get; }

    /// <summary>The task's payload.</summary>
    public JsonElement? Payload { get; }

    /// <summary>The task's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Cancelled when the task is cancelled, the attempt times out or the node shuts down.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A logger named after the task type.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// In the attempt that reduces a fan-out (see <see cref="FanOut"/>): how each child ended, in the order they were
    /// given, all succeeded. Null in every other attempt.
    /// </summary>
    public IReadOnlyList<ChildResult>? Children { get; }

    /// <summary>The fan-out this attempt asked for, taken by the worker when the executor returns.</summary>
    internal AttemptOutcome.FannedOut? FannedOut => Volatile.Read(ref _fanOut);

    /// <summary>The limits of the worker's node: fan-outs and results are checked against them before they travel.</summary>
    internal TaskLimits Limits { get; }

    /// <summary>
    /// Ends this attempt, once the executor returns, by fanning out <paramref name="children"/>: each becomes a task of
    /// its own with the id <c>parentId:key</c> (its <see cref="TaskSpec.Id"/> as the key, or its index), so running this
    /// code again asks for the same children. The task then waits for all of them. When all succeed it succeeds with
    /// their results (a JSON object by child id), or, with <paramref name="reduce"/>, runs once more with
    /// <see cref="Children"/> set and succeeds with what that attempt returns; when any fails it fails as
    /// <c>child-failed</c>. The value the executor returns from this attempt is not used. The children are checked at
    /// once (see <see cref="TaskLimits.MaxChildren"/> and <see cref="TaskLimits.MaxFanOutBytes"/>).
    /// </summary>
    /// <exception cref="TaskFailedException">Of kind <c>invalid-fan-out</c>, which is not retried: the children are
    /// not acceptable (the message names each problem), the attempt already fanned out, or it is the reduce attempt.</exception>
    public void FanOut(IEnumerable<TaskSpec> children, bool reduce = false)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (Children is not null)
        {
            throw new TaskFailedException(ErrorKinds.InvalidFanOut, "the attempt that reduces a fan-out cannot fan out again");
        }

        var asked = children.ToList();
        var plan = FanOutPlan.Of(TaskId, asked, Limits, _time.GetUtcNow());
        if (plan.Errors.Count > 0)
        {
            throw new TaskFailedException(ErrorKinds.InvalidFanOut, plan.Message);
        }

        if (Interlocked.CompareExchange(ref _fanOut, new AttemptOutcome.FannedOut(asked, reduce), null) is not null)
        {
            throw new TaskFailedException(ErrorKinds.InvalidFanOut, "the attempt already fanned out");
        }
    }

    /// <summary>Says the attempt is alive (required within the task's heartbeat timeout, if it has one), with optional progress.</summary>
    public void Heartbeat(JsonElement? progress = null) => _heartbeat(progress);
}
