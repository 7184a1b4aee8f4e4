using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Placement;

/// <summary>A worker as a dispatcher sees it: what it has, what is free, what it offers.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="Slots">All its slots.</param>
/// <param name="FreeSlots">Slots not taken.</param>
/// <param name="CpuMillis">Declared CPU (0: not declared).</param>
/// <param name="FreeCpuMillis">Declared CPU not taken.</param>
/// <param name="MemoryMiB">Declared memory (0: not declared).</param>
/// <param name="FreeMemoryMiB">Declared memory not taken.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Roles">Its node's roles.</param>
public sealed record WorkerCapacity(
    WorkerRef Worker,
    int Slots,
    int FreeSlots,
    int CpuMillis,
    int FreeCpuMillis,
    int MemoryMiB,
    int FreeMemoryMiB,
    IReadOnlySet<string> Tags,
    IReadOnlySet<string> Roles)
{
    /// <summary>A stable key for ordering and hashing: the worker's path.</summary>
    public string Key => Worker.Actor.Path.ToString();

    /// <summary>The share of slots in use, 0 to 1.</summary>
    public double Load => Slots == 0 ? 1 : (double)(Slots - FreeSlots) / Slots;

    /// <summary>This capacity with <paramref name="resources"/> taken.</summary>
    public WorkerCapacity Taking(ResourceRequest resources) => Shifted(resources, -1);

    /// <summary>This capacity with <paramref name="resources"/> given back.</summary>
    public WorkerCapacity Returning(ResourceRequest resources) => Shifted(resources, +1);

    private WorkerCapacity Shifted(ResourceRequest resources, int sign)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return this with
        {
            FreeSlots = FreeSlots + (sign * resources.Slots),
            FreeCpuMillis = FreeCpuMillis + (sign * resources.CpuMillis),
            FreeMemoryMiB = FreeMemoryMiB + (sign * resources.MemoryMiB),
        };
    }
}
