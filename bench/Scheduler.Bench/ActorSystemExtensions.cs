using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench;

/// <summary>How benchmarks end the actor systems they start.</summary>
internal static class ActorSystemExtensions
{
    /// <summary>Terminates <paramref name="system"/> and waits for it, failing the run if it does not stop in time.</summary>
    public static Task TerminateWithinAsync(this ActorSystem system, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Deadline.WithinAsync(system.Terminate(), () => $"Terminating actor system '{system.Name}'", limit);
    }
}
