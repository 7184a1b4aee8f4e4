using System.Text.Json;

namespace Scheduler.Engine.Model;

/// <summary>
/// What a client asks the scheduler to run: the task's type (which executor runs it), an opaque JSON payload, when,
/// how urgently, how to retry, how long it may take, where it may run. It is plain data, serializable as JSON; the
/// scheduler checks it with <see cref="TaskSpecValidator"/> before anything is stored.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>The task's id; when absent the scheduler derives one from <see cref="IdempotencyKey"/> or generates one.</summary>
    public string? Id { get; init; }

    /// <summary>The task type: the name an executor is registered under (for example <c>shell</c> or <c>http</c>).</summary>
    public string Type { get; init; } = "";

    /// <summary>Opaque JSON handed to the executor; the scheduler never looks inside. At most <see cref="TaskLimits.MaxPayloadBytes"/>.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>Run at this time (absent: now, or after <see cref="Delay"/>). Not together with <see cref="Delay"/>.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Run after this delay from the submit. Not together with <see cref="RunAt"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>0 (lowest) to 9 (highest); ready tasks of higher priority are dispatched first. Default 5.</summary>
    public int Priority { get; init; } = TaskLimits.DefaultPriority;

    /// <summary>How a failed attempt is retried.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>The longest one attempt may run, from its start to its end; absent: no limit.</summary>
    public TimeSpan? StartToCloseTimeout { get; init; }

    /// <summary>For long tasks: an attempt that reports no heartbeat for this long is timed out; absent: none required.</summary>
    public TimeSpan? HeartbeatTimeout { get; init; }

    /// <summary>Where the task may run and how a worker is chosen.</summary>
    public PlacementSpec Placement { get; init; } = PlacementSpec.Default;

    /// <summary>A repeated submit with the same key within the retention window returns the existing task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Free-form labels for filtering.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The task that fanned this one out, if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>The schedule occurrence that created this task; set by the schedule, never by a client.</summary>
    public ScheduleOccurrence? Occurrence { get; init; }

    /// <summary>The time the task is due, given the submit time: <see cref="RunAt"/>, now plus <see cref="Delay"/>, or now.</summary>
    public DateTimeOffset DueAt(DateTimeOffset submittedAt) =>
        RunAt ?? (Delay is { } delay ? submittedAt + delay : submittedAt);
}
