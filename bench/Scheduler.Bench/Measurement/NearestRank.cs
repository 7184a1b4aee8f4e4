namespace Scheduler.Bench.Measurement;

/// <summary>The percentiles the suites print: nearest rank over sorted samples.</summary>
internal static class NearestRank
{
    /// <summary>The sample at <paramref name="quantile"/> (0 to 1) of <paramref name="sorted"/>, which must not be empty.</summary>
    public static T Of<T>(T[] sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
