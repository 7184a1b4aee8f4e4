namespace Scheduler.Engine.ReadModel;

/// <summary>The read models' stores of a node with a SQL journal and the read model enabled.</summary>
internal sealed record ReadModelStores(TaskViewStore Tasks, ScheduleViewStore Schedules);
