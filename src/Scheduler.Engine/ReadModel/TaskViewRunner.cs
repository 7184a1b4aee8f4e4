using Microsoft.Extensions.Logging;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Owns the running <c>task_view</c> projection of this node, outside any actor: the singleton that asks for it may
/// stop (hand-over, shutdown) while it is still starting, and the projection's loop must end before the system does
/// (the engine awaits <see cref="StopAsync"/> in coordinated shutdown). Starts and stops run one after the other.
/// </summary>
internal sealed class TaskViewRunner(SqlJournal journal, TaskViewStore store, TaskViewSettings settings, ILogger logger, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Task<SqlProjection?> _current = Task.FromResult<SqlProjection?>(null);

    /// <summary>Creates the tables if needed and starts the projection (once the previous one has stopped).</summary>
    public Task StartAsync()
    {
        lock (_gate)
        {
            var previous = _current;
            _current = StartAfterAsync(previous);
            return _current;
        }
    }

    /// <summary>Stops the projection, if one runs or is starting; completes once its loop has ended.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            var previous = _current;
            _current = StopAfterAsync(previous);
            return _current;
        }
    }

    private async Task<SqlProjection?> StartAfterAsync(Task<SqlProjection?> previous)
    {
        if (await Settled(previous).ConfigureAwait(false) is { } running)
        {
            return running;
        }

        await store.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        var options = new SqlProjectionOptions { Name = "task_view", Tag = Tasks.TaskEvent.Tag, BatchSize = settings.BatchSize };
        return SqlProjection.Start(journal, options, new TaskViewProjection(journal.ReadJournal).HandleAsync, logger, time);
    }

    private static async Task<SqlProjection?> StopAfterAsync(Task<SqlProjection?> previous)
    {
        if (await Settled(previous).ConfigureAwait(false) is { } running)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }

        return null;
    }

    // A start that failed leaves nothing running; its failure was reported to whoever started it.
    private static async Task<SqlProjection?> Settled(Task<SqlProjection?> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // See above: the next start or stop goes on regardless.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
