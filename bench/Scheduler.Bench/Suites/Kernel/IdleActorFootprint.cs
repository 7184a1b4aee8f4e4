using System.Diagnostics;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// What an idle actor keeps alive: the settled heap before and after <c>n</c> <see cref="IdleActor"/>s that have
/// each handled one message (so their mailbox has been used, not just allocated), divided by <c>n</c>. Everything
/// the benchmark itself needs (the system, the parent, the array that keeps the refs reachable, the message) exists
/// before the first reading, so the difference is the kernel's: ref, cell, mailbox, path, name, the parent's
/// child entry, and the actor.
/// </summary>
internal static class IdleActorFootprint
{
    /// <summary>Creates <paramref name="actors"/> idle actors in a fresh system and returns the bytes each retains.</summary>
    public static async Task<long> MeasureAsync(int actors, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var system = ActorSystem.Create("bench-footprint");
        try
        {
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var parent = system.ActorOf(Props.Create(() => new Spawner(stopped)), "parent");
            await parent.Ask<ActorIdentity>(new Identify(null)).ConfigureAwait(false);

            var refs = new IActorRef[actors];
            var arrivals = new CompletionCounter(actors);
            var spawn = new Spawner.SpawnChildren(actors, new IdleActor.Arrive(arrivals), refs);

            var before = Heap.SettledBytes();
            parent.Tell(spawn, ActorRefs.NoSender);
            await Deadline.WithinAsync(arrivals.WhenDone, () => Invariant($"Creating idle actors: {arrivals.Arrived:N0} of {actors:N0} handled their message"))
                .ConfigureAwait(false);
            var after = Heap.SettledBytes();
            GC.KeepAlive(refs);

            var retained = after - before;
            var perActor = (long)Math.Round((double)retained / actors);
            output.WriteLine(Invariant(
                $"  {actors:N0} idle actors retain {retained:N0} bytes ({before:N0} -> {after:N0} bytes on the heap) = {perActor:N0} bytes/actor"));

            var stopStart = Stopwatch.GetTimestamp();
            system.Stop(parent);
            await Deadline.WithinAsync(stopped.Task, () => Invariant($"Stopping the parent of {actors:N0} idle actors")).ConfigureAwait(false);
            output.WriteLine(Invariant($"  stopped them in {Stopwatch.GetElapsedTime(stopStart).TotalMilliseconds:0} ms"));
            return perActor;
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }
}
