using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Remote;
using Scheduler.Configuration;
using Scheduler.Remote;
using static System.FormattableString;

namespace Scheduler.Bench.Suites;

/// <summary>
/// Remoting between two processes on loopback: actor pairs across the wire with ~100-byte messages, and the round
/// trip of a single message. Both processes share this machine's cores, so the figures include that contention.
/// </summary>
internal sealed class RemoteSuite : IBenchmarkSuite
{
    private const int Window = 200;
    private const int LatencySamples = 5_000;

    /// <inheritdoc />
    public string Name => "remote";

    /// <inheritdoc />
    public string Description => "messages per second between two processes over loopback (several actor pairs), round-trip p50";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options => [];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var sampling = arguments.Quick
            ? new SamplingPlan(WarmUp: TimeSpan.FromSeconds(2), Round: TimeSpan.FromSeconds(1), Rounds: 3)
            : new SamplingPlan(WarmUp: TimeSpan.FromSeconds(3), Round: TimeSpan.FromSeconds(2), Rounds: 5);
        var pairs = 4 * Environment.ProcessorCount;

        using var peer = await PeerProcess.StartAsync(RemotePeer.Argument).ConfigureAwait(false);
        var peerAddress = peer.Address;
        output.WriteLine(Invariant($"peer process {peer.Process.Id} at {peerAddress}"));
        var configuration = new ConfigurationBuilder().AddHoconString("scheduler.remote.port = 0", "bench").Build();
        var system = ActorSystem.Create("bench", new ActorSystemSetup { Configuration = configuration, Serialization = Volley.Register }.WithRemoting());
        try
        {
            output.WriteLine(Invariant($"throughput: {pairs} pairs, {Window} volleys in flight per pair; a round trip is two messages"));
            var counters = new StripedCounters(pairs);
            var pingers = Enumerable.Range(0, pairs)
                .Select(pair => system.ActorOf(Props.Create(() => new Pinger(Echo(system, peerAddress, pair), Window, counters, pair, null)), $"pinger-{pair}"))
                .ToList();
            var roundTrips = await RateSampler.SampleAsync(counters.Sum, sampling, "round trips", output).ConfigureAwait(false);
            foreach (var pinger in pingers)
            {
                pinger.Tell(Pinger.Stop.Instance, ActorRefs.NoSender);
            }

            output.WriteLine(Invariant($"latency: one pair, one volley at a time, {LatencySamples:N0} round trips after warm-up"));
            var latencies = new List<TimeSpan>(LatencySamples * 4);
            var single = new StripedCounters(1);
            system.ActorOf(Props.Create(() => new Pinger(Echo(system, peerAddress, pairs), 1, single, 0, latencies)), "latency");
            await Deadline.UntilAsync(() => single.Sum() >= LatencySamples * 2, () => "the latency round trips").ConfigureAwait(false);
            TimeSpan[] measured;
            lock (latencies)
            {
                measured = [.. latencies.Skip(LatencySamples)];
            }

            Array.Sort(measured);
            var p50 = measured[measured.Length / 2];
            var p99 = measured[measured.Length * 99 / 100];
            output.WriteLine(Invariant($"latency: p50 {p50.TotalMicroseconds:0} us, p99 {p99.TotalMicroseconds:0} us"));
            return new BenchmarkResult()
                .Add("msgs_per_s", 2 * roundTrips)
                .Add("roundtrips_per_s", roundTrips)
                .Add("rtt_p50_us", (long)p50.TotalMicroseconds)
                .Add("rtt_p99_us", (long)p99.TotalMicroseconds);
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
            await peer.StopAsync().ConfigureAwait(false);
        }
    }

    private static IActorRef Echo(ActorSystem system, string peerAddress, int pair) =>
        system.ResolveActorRef($"{peerAddress}/user/echo-{pair % RemotePeer.Echoes}");
}
