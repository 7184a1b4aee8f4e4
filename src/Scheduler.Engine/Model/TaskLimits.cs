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

    /// <summary>The most payload, in bytes of UTF-8 JSON text, all children of one fan-out may carry together.</summary>
    public long MaxFanOutBytes { get; init; } = 1024 * 1024;

    /// <summary>The furthest ahead a task may be scheduled.</summary>
    public TimeSpan MaxScheduleAhead { get; init; } = TimeSpan.FromDays(3660);
}
