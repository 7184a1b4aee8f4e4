using System.Collections.Concurrent;
using System.Diagnostics;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// Counts the attempts the benchmark's executor starts and, while recording, how long each task took from the
/// submit call to the start of its attempt (the submit's <see cref="Stopwatch"/> timestamp travels in the payload).
/// </summary>
internal sealed class StartLatencies
{
    private readonly ConcurrentQueue<long> _samples = new();
    private int _started;
    private volatile bool _recording;

    /// <summary>Attempts started since the node started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Starts keeping samples (the warm-up and the throughput run keep none).</summary>
    public void Record() => _recording = true;

    public void OnStart(long submittedAt)
    {
        Interlocked.Increment(ref _started);
        if (_recording)
        {
            _samples.Enqueue(Stopwatch.GetTimestamp() - submittedAt);
        }
    }

    /// <summary>The <paramref name="quantile"/> of the recorded samples in milliseconds (nearest rank).</summary>
    public double Milliseconds(double quantile)
    {
        var sorted = _samples.ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No start was recorded.");
        }

        Array.Sort(sorted);
        return NearestRank.Of(sorted, quantile) * 1000.0 / Stopwatch.Frequency;
    }
}
