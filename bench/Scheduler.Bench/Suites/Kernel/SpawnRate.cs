using System.Diagnostics;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// How fast actors come to life: a parent creates <c>n</c> children and sends each a message, and the clock stops
/// when every child has handled it, so creation, first scheduling and first delivery are all inside the figure.
/// Stopping them all is timed too, as a progress line.
/// </summary>
internal static class SpawnRate
{
    /// <summary>Spawns <paramref name="actors"/> in a fresh system and returns actors per second.</summary>
    public static async Task<long> MeasureAsync(int actors, string label, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var system = ActorSystem.Create("bench-spawn");
        try
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var parent = system.ActorOf(Props.Create(() => new Spawner(stopped)), "parent");
            // The parent itself is not part of the figure: wait until it is up.
            await parent.Ask<ActorIdentity>(new Identify(null)).ConfigureAwait(false);

            var arrivals = new CompletionCounter(actors);
            var start = Stopwatch.GetTimestamp();
            parent.Tell(new Spawner.SpawnChildren(actors, new IdleActor.Arrive(arrivals), Keep: null), ActorRefs.NoSender);
            await Deadline.WithinAsync(arrivals.WhenDone, () => Invariant($"Spawning: {arrivals.Arrived:N0} of {actors:N0} actors handled their message"))
                .ConfigureAwait(false);
            var spawned = Stopwatch.GetElapsedTime(start);
            var rate = Rates.PerSecond(actors, spawned);

            var stopStart = Stopwatch.GetTimestamp();
            system.Stop(parent);
            await Deadline.WithinAsync(stopped.Task, () => Invariant($"Stopping the parent of {actors:N0} actors")).ConfigureAwait(false);
            var stopping = Stopwatch.GetElapsedTime(stopStart);

            output.WriteLine(Invariant(
                $"  {label}: {actors:N0} actors spawned and messaged in {spawned.TotalMilliseconds:0} ms = {rate:N0} actors/s; stopped in {stopping.TotalMilliseconds:0} ms"));
            return rate;
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }
}
