namespace Scheduler.Engine.Waking;

/// <summary>
/// The keys of the due-time index's rows. A task's row is keyed by its task id; a schedule's by <c>schedule/</c> and
/// its id. The slash is outside the id alphabet (<see cref="Model.TaskIds"/>), so the two never meet, and rows written
/// before schedules parked keep their meaning.
/// </summary>
internal static class DueKeys
{
    private const string SchedulePrefix = "schedule/";

    /// <summary>The row key of task <paramref name="taskId"/>.</summary>
    public static string Task(string taskId) => taskId;

    /// <summary>The row key of schedule <paramref name="scheduleId"/>.</summary>
    public static string Schedule(string scheduleId) => SchedulePrefix + scheduleId;

    /// <summary>True, with the schedule's id, when <paramref name="key"/> is a schedule's row key.</summary>
    public static bool IsSchedule(string key, out string scheduleId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = key.StartsWith(SchedulePrefix, StringComparison.Ordinal);
        scheduleId = found ? key[SchedulePrefix.Length..] : "";
        return found;
    }
}
