namespace Scheduler.Engine.Waking;

/// <summary>One row of the due-time index: a passivated task or schedule (its <see cref="DueKeys">key</see>) and the time it is due.</summary>
internal sealed record DueEntry(string Key, DateTimeOffset DueAt);
