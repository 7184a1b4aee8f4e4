using System.Collections.Immutable;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// Where a schedule stands: the last occurrence it dealt with (fired or skipped), the occurrences whose tasks have
/// not finished, and the one occurrence waiting for them (buffer-one and cancel-previous).
/// </summary>
internal sealed record ScheduleProgress(DateTimeOffset? LastOccurrence, ImmutableSortedSet<DateTimeOffset> Active, DateTimeOffset? Waiting)
{
    /// <summary>A schedule that has dealt with no occurrence yet.</summary>
    public static ScheduleProgress Initial { get; } = new(null, [], null);
}
