using System.Runtime.InteropServices;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Dispatch;

/// <summary>
/// A running sum of resource requests: what a dispatcher has promised a worker and not yet seen in its status. Kept
/// up to date as promises come and go, so that a status costs the same however many promises are open.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct ResourceTotal(int Slots, int CpuMillis, int MemoryMiB)
{
    public ResourceTotal Plus(ResourceRequest request) =>
        new(Slots + request.Slots, CpuMillis + request.CpuMillis, MemoryMiB + request.MemoryMiB);

    public ResourceTotal Minus(ResourceRequest request) =>
        new(Slots - request.Slots, CpuMillis - request.CpuMillis, MemoryMiB - request.MemoryMiB);

    public ResourceTotal Plus(ResourceTotal other) =>
        new(Slots + other.Slots, CpuMillis + other.CpuMillis, MemoryMiB + other.MemoryMiB);

    public ResourceRequest ToRequest() => new() { Slots = Slots, CpuMillis = CpuMillis, MemoryMiB = MemoryMiB };
}
