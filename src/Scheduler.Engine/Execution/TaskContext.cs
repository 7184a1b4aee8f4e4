using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Execution;

/// <summary>What an executor gets for one attempt: which attempt, the payload, a cancellation token, a way to report progress, a logger.</summary>
public sealed class TaskContext
{
    private readonly Action<JsonElement?> _heartbeat;

    internal TaskContext(string taskId, int attempt, string type, JsonElement? payload, IReadOnlyDictionary<string, string> labels,
        ILogger logger, Action<JsonElement?> heartbeat, CancellationToken cancellationToken)
    {
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

    /// <summary>Says the attempt is alive (required within the task's heartbeat timeout, if it has one), with optional progress.</summary>
    public void Heartbeat(JsonElement? progress = null) => _heartbeat(progress);
}
