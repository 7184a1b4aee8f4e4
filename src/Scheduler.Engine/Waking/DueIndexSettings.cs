namespace Scheduler.Engine.Waking;

/// <summary>How the due-time index is used (<c>scheduler.engine.due-index</c>).</summary>
public sealed record DueIndexSettings
{
    /// <summary>How often the waker reads the rows coming due.</summary>
    public TimeSpan WakeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read (and tasks woken) per step at most.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>A woken task that has not answered after this long is woken again.</summary>
    public TimeSpan RewakeAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far ahead of its due time a task is woken; it then holds a timer for the rest. Kept below the engine's
    /// <c>passivate-waiting-after</c>, so a woken task never passivates again for the same due time.
    /// </summary>
    public TimeSpan LookAhead { get; init; } = TimeSpan.FromSeconds(5);
}
