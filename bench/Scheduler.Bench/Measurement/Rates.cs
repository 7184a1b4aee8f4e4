namespace Scheduler.Bench.Measurement;

/// <summary>Arithmetic on measured figures.</summary>
internal static class Rates
{
    /// <summary>Events per second, rounded to a whole number.</summary>
    public static long PerSecond(long count, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? (long)Math.Round(count / elapsed.TotalSeconds) : 0;

    /// <summary>
    /// The median of the rounds: one round slowed by a neighbour (a GC, another process on the machine) does not
    /// move it, where it would move a mean.
    /// </summary>
    public static long Median(IReadOnlyCollection<long> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
