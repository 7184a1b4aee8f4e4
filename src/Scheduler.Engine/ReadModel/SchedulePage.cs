using Scheduler.Engine.Schedules;

namespace Scheduler.Engine.ReadModel;

/// <summary>One page of schedules, and the cursor of the next page (null on the last).</summary>
public sealed record SchedulePage(IReadOnlyList<ScheduleView> Schedules, string? Next);
