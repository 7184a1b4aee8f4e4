using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Scheduler.Api.Metrics;

/// <summary>
/// Listens to every meter whose name starts with <c>Scheduler.</c> and keeps what <c>/metrics</c> shows: counter
/// totals, histogram buckets, and gauges observed at each scrape. It must exist before the node runs (the API's
/// set-up creates it), since counts made before it listens are not seen. The engine's meters are static, so with
/// several nodes in one process (tests) their counts are the process's.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>Histogram bucket bounds, in the instrument's unit (seconds for latencies): 1 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> _instruments = new();
    private readonly Lock _scrape = new();

    public MetricsCollector(NodeMetrics node)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // The engine's and the journal's meters are the process's; of node meters, only this node's own.
            var meter = instrument.Meter;
            if (meter.Name.StartsWith("Scheduler.", StringComparison.Ordinal) && (!string.Equals(meter.Name, NodeMetrics.MeterName, StringComparison.Ordinal) || meter == node.Meter))
            {
                _instruments.TryAdd(instrument, new ConcurrentDictionary<string, Series>(StringComparer.Ordinal));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out var _);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Everything now, as Prometheus metric families.</summary>
    public IReadOnlyList<MetricFamily> Scrape()
    {
        lock (_scrape)
        {
            // Gauges show what their callbacks say now: earlier observations (of series that may be gone) are dropped.
            foreach (var (instrument, series) in _instruments)
            {
                if (IsGauge(instrument))
                {
                    series.Clear();
                }
            }

            _listener.RecordObservableInstruments();
            return [.. _instruments.Select(pair => Family(pair.Key, pair.Value))];
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_instruments.TryGetValue(instrument, out var all))
        {
            return;
        }

        var labels = tags.ToArray()
            .Select(tag => new KeyValuePair<string, string>(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(tag => tag.Key, StringComparer.Ordinal)
            .ToArray();
        var key = string.Join('\u0001', labels.Select(label => label.Key + "\u0002" + label.Value));
        var series = all.GetOrAdd(key, _ => new Series(labels));
        lock (series)
        {
            switch (KindOf(instrument))
            {
                case Kind.Histogram:
                    series.Buckets ??= new long[Bounds.Count];
                    for (var i = 0; i < Bounds.Count; i++)
                    {
                        if (value <= Bounds[i])
                        {
                            series.Buckets[i]++;
                        }
                    }

                    series.Sum += value;
                    series.Count++;
                    break;
                case Kind.Counter when instrument.IsObservable:
                    // An observable counter reports its total.
                    series.Value = value;
                    break;
                default:
                    // Counters and up-down counters add up; observable gauges, cleared before each scrape, are summed
                    // within it (several sources may report one series).
                    series.Value += value;
                    break;
            }
        }
    }

    private static bool IsGauge(Instrument instrument) => instrument.IsObservable && KindOf(instrument) == Kind.Gauge;

    private static Kind KindOf(Instrument instrument) => instrument switch
    {
        Histogram<double> or Histogram<long> or Histogram<int> => Kind.Histogram,
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => Kind.Counter,
        _ => Kind.Gauge,
    };

    private static MetricFamily Family(Instrument instrument, ConcurrentDictionary<string, Series> all)
    {
        var kind = KindOf(instrument);
        var series = all.Values.OrderBy(s => string.Join(',', s.Labels.Select(l => l.Key + "=" + l.Value)), StringComparer.Ordinal).Select(s =>
        {
            lock (s)
            {
                return new MetricSeries(s.Labels, s.Value, s.Buckets?.ToArray(), s.Sum, s.Count);
            }
        });
        return new MetricFamily(PrometheusText.Name(instrument.Name, instrument.Unit, kind == Kind.Counter), instrument.Description ?? instrument.Name,
            kind switch { Kind.Histogram => "histogram", Kind.Counter => "counter", _ => "gauge" }, kind == Kind.Histogram ? Bounds : [], [.. series]);
    }

    // Up-down counters show as gauges, as Prometheus has no type of their own for them.
    private enum Kind
    {
        Counter,
        Histogram,
        Gauge,
    }

    private sealed class Series(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;

        public double Value { get; set; }

        public long[]? Buckets { get; set; }

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
