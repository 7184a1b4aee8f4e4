namespace Scheduler.Engine.Dispatch;

/// <summary>A worker and its load as a dispatcher sees it.</summary>
/// <param name="Worker">The worker's actor path.</param>
/// <param name="Node">Its node's address.</param>
/// <param name="Slots">All its slots.</param>
/// <param name="FreeSlots">Slots not taken.</param>
/// <param name="CpuMillis">Declared CPU (0: not declared).</param>
/// <param name="FreeCpuMillis">Declared CPU not taken.</param>
/// <param name="MemoryMiB">Declared memory (0: not declared).</param>
/// <param name="FreeMemoryMiB">Declared memory not taken.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Roles">Its node's roles.</param>
public sealed record WorkerLoad(
    string Worker,
    string Node,
    int Slots,
    int FreeSlots,
    int CpuMillis,
    int FreeCpuMillis,
    int MemoryMiB,
    int FreeMemoryMiB,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Roles);
