namespace Scheduler.Engine.Model;

/// <summary>The bounds <see cref="TaskSpecValidator"/> applies; <see cref="Default"/> unless configured otherwise.</summary>
public sealed record TaskLimits
{
    /// <summary>The priority a task gets when it names none.</summary>
    public const int DefaultPriority = 5;

    /// <summary>The lowest priority.</summary>
    public const int MinPriority = 0;

    /// <summary>The highest priority.</summary>
    public const int MaxPriority = 9;

    /// <summary>The defaults: payloads up to 256 KiB.</summary>
    public static TaskLimits Default { get; } = new();

    /// <summary>The largest payload, in bytes of its UTF-8 JSON text.</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>The longest id, type, idempotency key or affinity key.</summary>
    public int MaxNameLength { get; init; } = 200;

    /// <summary>The most labels one task may carry.</summary>
    public int MaxLabels { get; init; } = 64;

    /// <summary>The longest label value.</summary>
    public int MaxLabelValueLength { get; init; } = 256;

    /// <summary>The most children one attempt may fan out (a child may fan out children of its own).</summary>
    public int MaxChildren { get; init; } = 1000;

    /// <summary>
    /// The most bytes of JSON the children of one fan-out may take together, as their specs travel from the worker to
    /// the task (in one remote message, which must stay under the transport's 1 MiB frame).
    /// </summary>
    public long MaxFanOutBytes { get; init; } = 512 * 1024;

    /// <summary>The longest result one attempt may return, in bytes of its UTF-8 JSON text.</summary>
    public int MaxResultBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// The most bytes of results a parent collects from its children together: its own result, or what its reduce
    /// attempt is sent. A child whose result would go past it counts as failed with <c>result-too-large</c>.
    /// </summary>
    public long MaxCollectedBytes { get; init; } = 512 * 1024;

    /// <summary>The furthest ahead a task may be scheduled.</summary>
    public TimeSpan MaxScheduleAhead { get; init; } = TimeSpan.FromDays(3660);
}
