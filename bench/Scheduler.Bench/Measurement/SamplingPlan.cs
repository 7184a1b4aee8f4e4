namespace Scheduler.Bench.Measurement;

/// <summary>How long a steady-state rate is warmed up and then sampled.</summary>
/// <param name="WarmUp">Runs before the first sample: tiered JIT, thread-pool growth and caches settle here.</param>
/// <param name="Round">The length of one sampled interval.</param>
/// <param name="Rounds">How many intervals are sampled back to back; their median is the result.</param>
internal sealed record SamplingPlan(TimeSpan WarmUp, TimeSpan Round, int Rounds);
