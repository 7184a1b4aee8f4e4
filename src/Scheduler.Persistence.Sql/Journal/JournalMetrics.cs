using System.Diagnostics.Metrics;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// The SQL journal's instruments, on the meter <see cref="MeterName"/>: how long a write takes as the persisting
/// actor sees it (waiting for its batch included), so a slow database shows up before actors time out.
/// </summary>
public static class JournalMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Scheduler.Persistence.Sql";

    private static readonly Meter Meter = new(MeterName);

    internal static Histogram<double> WriteDuration { get; } =
        Meter.CreateHistogram<double>("scheduler.journal.write.duration", "s", "Time from a journal write's call to its commit, batching included");
}
