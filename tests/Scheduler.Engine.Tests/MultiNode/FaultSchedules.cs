namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>The schedules a failover spec runs: every one, and those hosted by the node the fault hits.</summary>
public sealed record FaultSchedules(IReadOnlyList<string> All, IReadOnlyList<string> OnVictim);
