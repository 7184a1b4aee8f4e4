using System.Threading.Channels;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// The same ping-pong on bare <see cref="Channel{T}"/> pairs, one consumer task per side: what the thread pool and
/// a well-tuned queue deliver with no actor runtime at all, the ceiling the kernel is compared against.
/// </summary>
internal static class ChannelPingPong
{
    private static readonly UnboundedChannelOptions Options = new() { SingleReader = true };

    /// <summary>Runs the pairs and returns the median messages handled per second.</summary>
    public static async Task<long> MeasureAsync(PingPongPlan plan, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var state = new PingPongState(plan.Pairs * 2);
        var writers = new List<ChannelWriter<Ball>>(plan.Pairs * 2);
        var sides = new List<Task>(plan.Pairs * 2);
        try
        {
            for (var pair = 0; pair < plan.Pairs; pair++)
            {
                var pingSlot = 2 * pair;
                var pongSlot = pingSlot + 1;
                var ping = Channel.CreateUnbounded<Ball>(Options);
                var pong = Channel.CreateUnbounded<Ball>(Options);
                writers.Add(ping.Writer);
                writers.Add(pong.Writer);
                sides.Add(Task.Run(() => BounceAsync(ping.Reader, pong.Writer, state, pingSlot)));
                sides.Add(Task.Run(() => BounceAsync(pong.Reader, ping.Writer, state, pongSlot)));
                for (var ball = 0; ball < plan.Window; ball++)
                {
                    ping.Writer.TryWrite(Ball.Instance);
                }
            }

            return await RateSampler.SampleAsync(state.Counters.Sum, plan.Sampling, "channels", output).ConfigureAwait(false);
        }
        finally
        {
            state.Stop();
            foreach (var writer in writers)
            {
                writer.TryComplete();
            }

            await Deadline.WithinAsync(Task.WhenAll(sides), () => "Stopping the channel consumers").ConfigureAwait(false);
        }
    }

    private static async Task BounceAsync(ChannelReader<Ball> inbox, ChannelWriter<Ball> peer, PingPongState state, int slot)
    {
        // Drain what is there before waiting again, as a mailbox run drains up to its throughput.
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ball))
            {
                state.Counters.Increment(slot);
                if (!state.IsStopped)
                {
                    peer.TryWrite(ball);
                }
            }
        }
    }
}
