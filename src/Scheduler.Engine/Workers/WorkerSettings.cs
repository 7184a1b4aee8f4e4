namespace Scheduler.Engine.Workers;

/// <summary>What this node's worker offers: slots, tags and declared resources.</summary>
public sealed record WorkerSettings
{
    /// <summary>Attempts that may run at once (each takes the slots its task asks for).</summary>
    public int Slots { get; init; } = 8;

    /// <summary>Tags tasks can require.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Declared CPU in thousandths of a core; 0: not declared.</summary>
    public int CpuMillis { get; init; }

    /// <summary>Declared memory in MiB; 0: not declared.</summary>
    public int MemoryMiB { get; init; }

    /// <summary>Ends of attempts remembered for answering repeated dispatches.</summary>
    public int RememberedOutcomes { get; init; } = 10_000;
}
