using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Runs the read models' projections (<c>task_view</c>, <c>schedule_view</c>): a cluster singleton, because each
/// projection's batches and its stored offset assume one writer. It also removes finished tasks past the retention,
/// a bounded number per step.
/// </summary>
internal sealed partial class ReadModelProjector : ReceiveActor, IWithTimers
{
    private const int PruneBatch = 1000;
    private readonly IReadOnlyList<ProjectionRunner> _runners;
    private readonly TaskViewStore _store;
    private readonly TaskViewSettings _settings;
    private readonly ILogger _log;

    public ReadModelProjector(IReadOnlyList<ProjectionRunner> runners, TaskViewStore store, TaskViewSettings settings)
    {
        _runners = runners;
        _store = store;
        _settings = settings;
        _log = Context.System.LoggerFactory.CreateLogger<ReadModelProjector>();
        Receive<Started>(_ => { });
        Receive<Status.Failure>(failure => throw new InvalidOperationException("a read model could not start", failure.Cause));
        Receive<Prune>(_ => PruneOnce());
        Receive<PruneFailed>(failed => ProjectorLog.PruneFailed(_log, failed.Error));
        Receive<Pruned>(pruned =>
        {
            if (pruned.Removed > 0)
            {
                ProjectorLog.PrunedRows(_log, pruned.Removed);
            }

            // A full batch means more are due: go on at once rather than after the interval.
            if (pruned.Removed >= PruneBatch)
            {
                Self.Tell(Prune.Instance);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private void PruneOnce()
    {
        var cutoff = Context.System.TimeProvider.GetUtcNow() - _settings.Retention;
        _ = _store.PruneAsync(cutoff, PruneBatch, CancellationToken.None).PipeTo(Self, success: removed => new Pruned(removed), failure: error => new PruneFailed(error));
    }

    public static Props Props(IReadOnlyList<ProjectionRunner> runners, TaskViewStore store, TaskViewSettings settings) =>
        Actors.Props.Create(() => new ReadModelProjector(runners, store, settings));

    protected override void PreStart()
    {
        _ = StartAllAsync(_runners).PipeTo(Self, success: () => Started.Instance);
        Timers.StartPeriodicTimer("prune", Prune.Instance, _settings.PruneInterval);
    }

    // One after the other: each start creates tables and opens the journal's database, which on SQLite takes its one
    // write lock; two at once at a node's start would only queue each other and the first commands behind them.
    private static async Task StartAllAsync(IReadOnlyList<ProjectionRunner> runners)
    {
        foreach (var runner in runners)
        {
            await runner.StartAsync().ConfigureAwait(false);
        }
    }

    protected override void PostStop()
    {
        foreach (var runner in _runners)
        {
            _ = runner.StopAsync();
        }
    }

    private sealed record Started
    {
        public static Started Instance { get; } = new();
    }

    private sealed record Prune
    {
        public static Prune Instance { get; } = new();
    }

    private sealed record Pruned(int Removed);

    private sealed record PruneFailed(Exception Error);

    private static partial class ProjectorLog
    {
        [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Removed {Count} finished tasks past their retention from the task read model")]
        public static partial void PrunedRows(ILogger logger, int count);

        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Removing finished tasks from the task read model failed; the next step tries again")]
        public static partial void PruneFailed(ILogger logger, Exception error);
    }
}
