using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Workers;

/// <summary>What task entities and dispatchers exchange with workers.</summary>
internal abstract record WorkerProtocol
{
    /// <summary>
    /// Run attempt <paramref name="Attempt"/> of a task, or say what became of it: a worker answers every copy (the
    /// entity repeats it until answered) with Accepted, Rejected, or the attempt's end if it already ended.
    /// </summary>
    /// <remarks><paramref name="Origin"/> is the node whose dispatcher offered the worker; the worker counts first
    /// arrivals per origin, so that dispatcher can tell which of its offers the worker's status already includes.</remarks>
    public sealed record RunAttempt(string TaskId, int Attempt, TaskSpec Spec, Address Origin, IReadOnlyList<ChildResult>? Children = null) : WorkerProtocol;

    /// <summary>Stop attempt <paramref name="Attempt"/>; answered with its end (the entity repeats it until then).</summary>
    public sealed record CancelAttempt(string TaskId, int Attempt) : WorkerProtocol;

    /// <summary>
    /// A worker's capacity, sent to every dispatcher when it changes and every few seconds (later versions win), with
    /// how many attempts it has seen from each origin node.
    /// </summary>
    public sealed record Status(
        WorkerRef Worker,
        long Version,
        int Slots,
        int FreeSlots,
        int CpuMillis,
        int FreeCpuMillis,
        int MemoryMiB,
        int FreeMemoryMiB,
        IReadOnlyList<string> Tags,
        IReadOnlyList<string> Roles,
        IReadOnlyDictionary<string, long> SeenFrom) : WorkerProtocol;

    /// <summary>Registers every message with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<RunAttempt>("engine.worker.run-attempt");
        registry.Register<CancelAttempt>("engine.worker.cancel-attempt");
        registry.Register<Status>("engine.worker.status");
    }
}
