namespace Scheduler.Engine;

/// <summary>The passivation and hand-off stop message of task and schedule entities.</summary>
internal sealed record EngineEntityStop
{
    public static EngineEntityStop Instance { get; } = new();
}
