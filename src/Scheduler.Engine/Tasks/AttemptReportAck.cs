namespace Scheduler.Engine.Tasks;

/// <summary>The task entity has recorded the end of an attempt (or knows it is stale): the worker may stop repeating it.</summary>
public sealed record AttemptReportAck(string TaskId, int Attempt);
