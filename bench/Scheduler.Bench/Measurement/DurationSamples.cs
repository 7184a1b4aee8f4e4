using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Scheduler.Bench.Measurement;

/// <summary>
/// Listens to duration histograms (in seconds) that the measured code records through <see cref="Meter"/>s, while it
/// is alive, and summarizes each as percentiles: a suite prints them beside an end-to-end latency to say which stage
/// its tail came from.
/// </summary>
internal sealed class DurationSamples : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IReadOnlyList<string> _instruments;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _samples = new(StringComparer.Ordinal);

    public DurationSamples(params string[] instruments)
    {
        _instruments = instruments;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_instruments.Contains(instrument.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) =>
            _samples.GetOrAdd(instrument.Name, static _ => new ConcurrentQueue<double>()).Enqueue(seconds));
        _listener.Start();
    }

    /// <summary>E.g. "scheduler.journal.write.duration p50 2.10 ms p99 14.80 ms (41,337)", one per instrument heard.</summary>
    public string Summary() => string.Join("; ", _instruments.Select(name =>
    {
        var sorted = _samples.TryGetValue(name, out var queue) ? queue.ToArray() : [];
        if (sorted.Length == 0)
        {
            return name + " not recorded";
        }

        Array.Sort(sorted);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} p50 {NearestRank.Of(sorted, 0.50) * 1000:0.00} ms p99 {NearestRank.Of(sorted, 0.99) * 1000:0.00} ms ({sorted.Length:N0})");
    }));

    public void Dispose() => _listener.Dispose();
}
