namespace Scheduler.Api.Metrics;

/// <summary>
/// One series of a metric at a scrape: its labels and either a value (counter, gauge) or a histogram's cumulative
/// bucket counts with their sum and count.
/// </summary>
/// <param name="Labels">Label names and values, sorted by name.</param>
/// <param name="Value">The counter's total or the gauge's value.</param>
/// <param name="Buckets">For a histogram: the count of measurements at or below each bound of <see cref="MetricFamily.Bounds"/>.</param>
/// <param name="Sum">For a histogram: the sum of measurements.</param>
/// <param name="Count">For a histogram: how many.</param>
internal sealed record MetricSeries(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, IReadOnlyList<long>? Buckets = null, double Sum = 0, long Count = 0);
