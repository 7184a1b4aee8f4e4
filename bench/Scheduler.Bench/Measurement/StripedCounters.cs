namespace Scheduler.Bench.Measurement;

/// <summary>
/// Counters with one writer each, read by a sampler on another thread. Each counter sits on its own 128-byte stripe
/// of one array: a shared Interlocked counter, or counters on one cache line, would make the cores fight over that
/// line and the benchmark would measure the counting instead of the messaging.
/// </summary>
internal sealed class StripedCounters
{
    // 128 bytes: a cache line, plus the adjacent line that the spatial prefetcher pulls in with it.
    private const int Stride = 128 / sizeof(long);

    private readonly long[] _values;

    public StripedCounters(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        _values = new long[(count + 1) * Stride];
    }

    /// <summary>How many counters there are.</summary>
    public int Count { get; }

    /// <summary>Adds one to counter <paramref name="slot"/>; only its one writer may call this.</summary>
    public void Increment(int slot)
    {
        // Skip the first stripe, so that counter 0 does not share a line with the array's header.
        ref var value = ref _values[(slot + 1) * Stride];
        Volatile.Write(ref value, value + 1);
    }

    /// <summary>The sum of all counters, each read as its writer last published it.</summary>
    public long Sum()
    {
        long total = 0;
        for (var slot = 0; slot < Count; slot++)
        {
            total += Volatile.Read(ref _values[(slot + 1) * Stride]);
        }

        return total;
    }
}
