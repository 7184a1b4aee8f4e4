using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Kernel;
using static System.FormattableString;

namespace Scheduler.Bench.Suites;

/// <summary>
/// The actor kernel: message throughput against the bare-channel ceiling, spawn rate, and memory per idle actor.
/// Each measurement gets a fresh actor system, so no figure inherits another's actors or garbage.
/// </summary>
internal sealed class KernelSuite : IBenchmarkSuite
{
    // 20-50 balls per pair keep every mailbox busy without turning the run into a queue-growth test.
    private const int PingPongWindow = 32;
    private const int SpawnedActors = 100_000;
    private const int IdleActors = 100_000;

    // A throwaway spawn round first: without it the measured round pays for JIT of the creation path.
    private const int SpawnWarmUpActors = 20_000;

    /// <inheritdoc />
    public string Name => "kernel";

    /// <inheritdoc />
    public string Description => "actor ping-pong vs bare Channel<T> ping-pong, spawn rate, bytes per idle actor";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options => [];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var quick = arguments.Quick;
        var sampling = quick
            ? new SamplingPlan(WarmUp: TimeSpan.FromSeconds(1), Round: TimeSpan.FromSeconds(1), Rounds: 3)
            : new SamplingPlan(WarmUp: TimeSpan.FromSeconds(2), Round: TimeSpan.FromSeconds(2), Rounds: 3);
        var spawnRounds = quick ? 1 : 3;

        // On a small machine both figures drift with whatever else runs; measuring them in alternating passes and
        // taking medians keeps the ratio from comparing a quiet minute with a busy one.
        var passes = quick ? 1 : 3;

        // Twice as many pairs as cores: every core always has a runnable side, and the scheduler's fairness shows.
        var pingPong = new PingPongPlan(Pairs: 2 * Environment.ProcessorCount, PingPongWindow, sampling);
        output.WriteLine(Invariant(
            $"ping-pong: {pingPong.Pairs} pairs, {pingPong.Window} messages in flight per pair, {passes} alternating pass(es), each: warm-up {sampling.WarmUp.TotalSeconds:0.#} s, {sampling.Rounds} rounds of {sampling.Round.TotalSeconds:0.#} s"));
        var actorRates = new List<long>(passes);
        var channelRates = new List<long>(passes);
        var ratios = new List<double>(passes);
        for (var pass = 1; pass <= passes; pass++)
        {
            var actors = await ActorPingPong.MeasureAsync(pingPong, output).ConfigureAwait(false);
            var channels = await ChannelPingPong.MeasureAsync(pingPong, output).ConfigureAwait(false);
            actorRates.Add(actors);
            channelRates.Add(channels);
            ratios.Add(channels > 0 ? (double)actors / channels : double.NaN);
            output.WriteLine(Invariant($"ping-pong pass {pass}/{passes}: actors {actors:N0} msg/s, channels {channels:N0} msg/s, ratio {ratios[^1]:0.00}"));
        }

        var actorRate = Rates.Median(actorRates);
        var channelRate = Rates.Median(channelRates);
        var ratio = ratios.Order().ElementAt(ratios.Count / 2);
        output.WriteLine(Invariant($"ping-pong: median actors {actorRate:N0} msg/s, median channels {channelRate:N0} msg/s, median ratio {ratio:0.00}"));

        output.WriteLine(Invariant($"spawn: {SpawnedActors:N0} children of one parent, one message each, {spawnRounds} round(s) after a {SpawnWarmUpActors:N0}-actor warm-up"));
        await SpawnRate.MeasureAsync(SpawnWarmUpActors, "warm-up", output).ConfigureAwait(false);
        var spawnRates = new List<long>(spawnRounds);
        for (var round = 1; round <= spawnRounds; round++)
        {
            spawnRates.Add(await SpawnRate.MeasureAsync(SpawnedActors, Invariant($"round {round}/{spawnRounds}"), output).ConfigureAwait(false));
        }

        var spawnRate = Rates.Median(spawnRates);
        output.WriteLine(Invariant($"spawn: median {spawnRate:N0} actors/s"));

        output.WriteLine(Invariant($"idle actors: heap retained by {IdleActors:N0} actors that each handled one message"));
        var bytesPerActor = await IdleActorFootprint.MeasureAsync(IdleActors, output).ConfigureAwait(false);

        return new BenchmarkResult()
            .Add("pingpong_msgs_per_s", actorRate)
            .Add("channel_msgs_per_s", channelRate)
            .AddRatio("ratio", ratio)
            .Add("spawn_per_s", spawnRate)
            .Add("bytes_per_actor", bytesPerActor);
    }
}
