using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Runs the <c>task_view</c> projection: a cluster singleton, because the projection's batches and its stored
/// offset assume one writer. It also removes finished tasks past the retention, a bounded number per step.
/// </summary>
internal sealed partial class TaskViewProjector : ReceiveActor, IWithTimers
{
    private const int PruneBatch = 1000;
    private readonly TaskViewRunner _runner;
    private readonly TaskViewStore _store;
    private readonly TaskViewSettings _settings;
    private readonly ILogger _log;

    public TaskViewProjector(TaskViewRunner runner, TaskViewStore store, TaskViewSettings settings)
    {
        _runner = runner;
        _store = store;
        _settings = settings;
        _log = Context.System.LoggerFactory.CreateLogger<TaskViewProjector>();
        Receive<Started>(_ => { });
        Receive<Status.Failure>(failure => throw new InvalidOperationException("the task read model could not start", failure.Cause));
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

    public static Props Props(TaskViewRunner runner, TaskViewStore store, TaskViewSettings settings) =>
        Actors.Props.Create(() => new TaskViewProjector(runner, store, settings));

    protected override void PreStart()
    {
        _ = _runner.StartAsync().PipeTo(Self, success: () => Started.Instance);
        Timers.StartPeriodicTimer("prune", Prune.Instance, _settings.PruneInterval);
    }

    protected override void PostStop() => _ = _runner.StopAsync();

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
