namespace Scheduler.Engine.Model;

/// <summary>What one attempt occupies on its worker while it runs.</summary>
public sealed record ResourceRequest
{
    /// <summary>One slot, no declared CPU or memory.</summary>
    public static ResourceRequest Default { get; } = new();

    /// <summary>Worker slots taken (at least 1).</summary>
    public int Slots { get; init; } = 1;

    /// <summary>CPU in thousandths of a core (0: not declared).</summary>
    public int CpuMillis { get; init; }

    /// <summary>Memory in MiB (0: not declared).</summary>
    public int MemoryMiB { get; init; }
}
