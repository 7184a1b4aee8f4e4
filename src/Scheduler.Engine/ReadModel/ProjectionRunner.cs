using Microsoft.Extensions.Logging;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Owns one running read-model projection of this node (its name, the tag of the events it reads, how to create its
/// tables, a fresh handler per start), outside any actor: the singleton that asks for it may stop (hand-over,
/// shutdown) while it is still starting, and the projection's loop must end before the system does (the engine
/// awaits <see cref="StopAsync"/> in coordinated shutdown). Starts and stops run one after the other.
/// </summary>
internal sealed class ProjectionRunner(
    SqlJournal journal, SqlProjectionOptions options, Func<CancellationToken, Task> ensureTables, Func<ProjectionHandler> handler, ILogger logger, TimeProvider time)
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

        await ensureTables(CancellationToken.None).ConfigureAwait(false);
        return SqlProjection.Start(journal, options, handler(), logger, time);
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
