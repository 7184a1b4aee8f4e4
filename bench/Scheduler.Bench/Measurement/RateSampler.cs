using System.Diagnostics;
using static System.FormattableString;

namespace Scheduler.Bench.Measurement;

/// <summary>
/// Samples a running counter: after the warm-up it reads the counter at the edges of consecutive rounds and turns
/// each difference into a rate. Waiting goes through <see cref="TimeProvider.System"/>; the length of each round is
/// what the stopwatch measured, not what was asked for.
/// </summary>
internal static class RateSampler
{
    /// <summary>Samples <paramref name="read"/> and returns the median rate per second of the rounds.</summary>
    public static async Task<long> SampleAsync(Func<long> read, SamplingPlan plan, string label, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        await Task.Delay(plan.WarmUp, TimeProvider.System).ConfigureAwait(false);
        output.WriteLine(Invariant($"  {label}: warmed up for {plan.WarmUp.TotalSeconds:0.#} s ({read():N0} messages so far)"));

        var rates = new List<long>(plan.Rounds);
        var count = read();
        var time = Stopwatch.GetTimestamp();
        for (var round = 1; round <= plan.Rounds; round++)
        {
            await Task.Delay(plan.Round, TimeProvider.System).ConfigureAwait(false);
            var nextCount = read();
            var nextTime = Stopwatch.GetTimestamp();
            var elapsed = Stopwatch.GetElapsedTime(time, nextTime);
            var rate = Rates.PerSecond(nextCount - count, elapsed);
            rates.Add(rate);
            output.WriteLine(Invariant($"  {label}: round {round}/{plan.Rounds}: {nextCount - count:N0} messages in {elapsed.TotalMilliseconds:0} ms = {rate:N0} msg/s"));
            (count, time) = (nextCount, nextTime);
        }

        var median = Rates.Median(rates);
        output.WriteLine(Invariant($"  {label}: median {median:N0} msg/s"));
        return median;
    }
}
