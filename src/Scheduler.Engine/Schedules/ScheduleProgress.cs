using System.Collections.Immutable;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// Where a schedule stands: the time up to which every occurrence was dealt with (fired or skipped; usually the last
/// occurrence, or the time of a resume, which passes over the paused stretch), the occurrences whose tasks have not
/// finished, and the one occurrence waiting for them (buffer-one and cancel-previous).
/// </summary>
internal sealed record ScheduleProgress(DateTimeOffset? Through, ImmutableSortedSet<DateTimeOffset> Active, DateTimeOffset? Waiting)
{
    /// <summary>A schedule that has dealt with no occurrence yet.</summary>
    public static ScheduleProgress Initial { get; } = new(null, [], null);
}
