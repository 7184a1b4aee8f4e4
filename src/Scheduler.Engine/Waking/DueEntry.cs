namespace Scheduler.Engine.Waking;

/// <summary>One row of the due-time index: a passivated task and the time it is due.</summary>
internal sealed record DueEntry(string TaskId, DateTimeOffset DueAt);
