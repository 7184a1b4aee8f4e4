namespace Scheduler.Api.Metrics;

/// <summary>One metric as Prometheus shows it: a name, help, type (counter, gauge or histogram) and its series.</summary>
/// <param name="Name">The Prometheus name (already suffixed with the unit and, for counters, <c>_total</c>).</param>
/// <param name="Help">One line of help.</param>
/// <param name="Type">counter, gauge or histogram.</param>
/// <param name="Bounds">For a histogram: the buckets' upper bounds (without +Inf).</param>
/// <param name="Series">Its series.</param>
internal sealed record MetricFamily(string Name, string Help, string Type, IReadOnlyList<double> Bounds, IReadOnlyList<MetricSeries> Series);
