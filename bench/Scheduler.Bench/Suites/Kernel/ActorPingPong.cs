using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// Ping-pong between actor pairs: each side answers every ball by telling it back to its sender. Each side counts
/// the balls it handles; the rate is the sum over all sides.
/// </summary>
internal static class ActorPingPong
{
    /// <summary>Runs the pairs in a fresh actor system and returns the median messages handled per second.</summary>
    public static async Task<long> MeasureAsync(PingPongPlan plan, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var system = ActorSystem.Create("bench-pingpong");
        var state = new PingPongState(plan.Pairs * 2);
        try
        {
            for (var pair = 0; pair < plan.Pairs; pair++)
            {
                var pingSlot = 2 * pair;
                var pongSlot = pingSlot + 1;
                var ping = system.ActorOf(Props.Create(() => new Player(state, pingSlot)), $"ping-{pair}");
                var pong = system.ActorOf(Props.Create(() => new Player(state, pongSlot)), $"pong-{pair}");
                for (var ball = 0; ball < plan.Window; ball++)
                {
                    // Sent on pong's behalf, so ping's reply goes to pong, and from then on back and forth.
                    ping.Tell(Ball.Instance, pong);
                }
            }

            return await RateSampler.SampleAsync(state.Counters.Sum, plan.Sampling, "actors", output).ConfigureAwait(false);
        }
        finally
        {
            state.Stop();
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One side of a pair.</summary>
    private sealed class Player(PingPongState state, int slot) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is not Ball)
            {
                Unhandled(message);
                return;
            }

            state.Counters.Increment(slot);
            if (!state.IsStopped)
            {
                Sender.Tell(message, Self);
            }
        }
    }
}
