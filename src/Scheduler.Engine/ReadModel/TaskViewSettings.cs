namespace Scheduler.Engine.ReadModel;

/// <summary>How the <c>task_view</c> read model is kept (<c>scheduler.engine.read-model</c>).</summary>
public sealed record TaskViewSettings
{
    /// <summary>Whether the projection runs (as a cluster singleton on the engine's role; SQL journals only).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Events applied per transaction at most.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// Under steady load, the least time between two reads of the journal by a projection (see
    /// <see cref="Scheduler.Persistence.Sql.SqlProjectionOptions.BatchInterval"/>): a task's events then mostly land in
    /// one batch and its row is written once. It is also how far behind a busy read model may fall.
    /// </summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a finished task stays listed; the journal keeps it (a get still finds it).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often rows past the retention are removed.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(1);
}
