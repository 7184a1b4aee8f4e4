using Scheduler.Engine.Schedules;

namespace Scheduler.Client;

/// <summary>The answer to creating a schedule: the schedule, and whether this request created it (false: the same schedule existed).</summary>
/// <param name="Schedule">The schedule as it is now.</param>
/// <param name="Created">True when this request created the schedule.</param>
public sealed record ScheduleCreation(ScheduleView Schedule, bool Created);
