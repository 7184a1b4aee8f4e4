using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// Stops a node in ordered phases (Akka's coordinated shutdown): each phase's tasks run together and the next phase
/// starts when they have all finished or the phase's timeout has passed. Later layers add their tasks: the cluster
/// leaves in <c>cluster-leave</c>, sharding hands off in <c>cluster-sharding-shutdown-region</c>, and the last
/// phase terminates the actor system. <see cref="Run"/> runs once; later calls return the same task.
/// </summary>
public sealed partial class CoordinatedShutdown
{
    /// <summary>The first phase: before the node stops taking requests.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Stop accepting new requests (HTTP endpoints).</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Wait for requests in flight.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Stop services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Before the cluster parts stop.</summary>
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Hand off shards.</summary>
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";

    /// <summary>Leave the cluster.</summary>
    public const string PhaseClusterLeave = "cluster-leave";

    /// <summary>Wait to be exiting.</summary>
    public const string PhaseClusterExiting = "cluster-exiting";

    /// <summary>Exiting is done.</summary>
    public const string PhaseClusterExitingDone = "cluster-exiting-done";

    /// <summary>Stop the cluster daemons.</summary>
    public const string PhaseClusterShutdown = "cluster-shutdown";

    /// <summary>Last work before the actor system stops.</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>The actor system stops.</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly CoordinatedShutdownSettings _settings;
    private readonly IReadOnlyDictionary<string, ShutdownPhase> _phases;
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Run)>> _tasks = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private Task? _run;
    private ShutdownReason? _reason;

    internal CoordinatedShutdown(ActorSystem system, CoordinatedShutdownSettings settings)
    {
        _system = system;
        _settings = settings;
        _phases = settings.Phases;
        OrderedPhases = PhaseOrder.Sort(_phases.ToDictionary(static p => p.Key, static p => p.Value.DependsOn, StringComparer.Ordinal));
        _log = system.LoggerFactory.CreateLogger<CoordinatedShutdown>();
    }

    /// <summary>The phases in the order they run.</summary>
    public IReadOnlyList<string> OrderedPhases { get; }

    /// <summary>
    /// The longest a whole shutdown may take: every phase's timeout added up (phases run one after another). Whoever
    /// waits for a system to terminate should allow this much.
    /// </summary>
    public TimeSpan TotalTimeout => _phases.Values.Aggregate(TimeSpan.Zero, static (sum, phase) => sum + phase.Timeout);

    /// <summary>How long <paramref name="phase"/> may take; throws for an unknown phase.</summary>
    public TimeSpan Timeout(string phase) => _phases.TryGetValue(phase, out var found)
        ? found.Timeout
        : throw new ArgumentException($"Unknown shutdown phase '{phase}'; known phases: {string.Join(", ", OrderedPhases)}.", nameof(phase));

    /// <summary>Ends the process when exit-process is on; tests put a recorder here.</summary>
    internal Action<int> ExitProcess { get; set; } = Environment.Exit;

    /// <summary>Why the shutdown runs, once it does.</summary>
    public ShutdownReason? Reason => Volatile.Read(ref _reason);

    /// <summary>
    /// Adds a task to a phase. The token is cancelled when the phase times out. Throws for an unknown phase or
    /// once the shutdown has started.
    /// </summary>
    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        ArgumentNullException.ThrowIfNull(task);
        if (!_phases.ContainsKey(phase))
        {
            throw new ArgumentException($"Unknown shutdown phase '{phase}'; known phases: {string.Join(", ", OrderedPhases)}.", nameof(phase));
        }

        lock (_tasks)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException($"Coordinated shutdown has already started; task '{taskName}' cannot join phase '{phase}'.");
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((taskName, task));
        }
    }

    /// <summary>Runs every phase in order; the returned task completes when the last one has.</summary>
    public Task Run(ShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_tasks)
        {
            if (_run is null)
            {
                _reason = reason;
                _run = Task.Run(() => RunPhases(reason));
            }

            return _run;
        }
    }

    private async Task RunPhases(ShutdownReason reason)
    {
        Started(_log, reason.Name);
        var aborted = false;
        foreach (var name in OrderedPhases)
        {
            var phase = _phases[name];
            if (aborted && !string.Equals(name, PhaseActorSystemTerminate, StringComparison.Ordinal))
            {
                continue;
            }

            var tasks = _tasks.GetValueOrDefault(name) ?? [];
            if (string.Equals(name, PhaseActorSystemTerminate, StringComparison.Ordinal))
            {
                tasks = [.. tasks, ("terminate actor system", _ => TerminateSystem())];
            }

            if (tasks.Count == 0)
            {
                continue;
            }

            if (!await RunPhase(phase, tasks).ConfigureAwait(false) && !phase.Recover)
            {
                Aborted(_log, name);
                aborted = true;
            }
        }

        if (!_phases.ContainsKey(PhaseActorSystemTerminate))
        {
            await TerminateSystem().ConfigureAwait(false);
        }

        // A node that was downed or left has nothing more to do; a supervisor (systemd, Kubernetes) starts a fresh
        // incarnation. When the process is already exiting, exiting again would only deadlock its exit handlers.
        if (_settings.ExitProcess && reason != ShutdownReason.ProcessExit)
        {
            ExitingProcess(_log, _settings.ExitCode);
            ExitProcess(_settings.ExitCode);
        }
    }

    private async Task<bool> RunPhase(ShutdownPhase phase, List<(string Name, Func<CancellationToken, Task> Run)> tasks)
    {
        using var timeout = new CancellationTokenSource(phase.Timeout, _system.TimeProvider);
        var running = tasks.Select(task => RunTask(phase.Name, task.Name, task.Run, timeout.Token)).ToArray();
        try
        {
            var results = await Task.WhenAll(running).WaitAsync(phase.Timeout, _system.TimeProvider).ConfigureAwait(false);
            return results.All(static ok => ok);
        }
        catch (TimeoutException)
        {
            var unfinished = tasks.Where((_, i) => !running[i].IsCompleted).Select(static t => t.Name);
            PhaseTimedOut(_log, phase.Name, phase.Timeout, string.Join(", ", unfinished));
            await timeout.CancelAsync().ConfigureAwait(false);
            return false;
        }
    }

    private async Task<bool> RunTask(string phase, string name, Func<CancellationToken, Task> task, CancellationToken token)
    {
        try
        {
            await task(token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception)
        {
            TaskFailed(_log, name, phase, exception);
            return false;
        }
    }

    private Task TerminateSystem()
    {
        _system.FinalTerminate();
        return _system.WhenTerminated;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Coordinated shutdown started: {Reason}")]
    private static partial void Started(ILogger logger, string reason);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Shutdown phase {Phase} timed out after {Timeout}; unfinished tasks: {Tasks}")]
    private static partial void PhaseTimedOut(ILogger logger, string phase, TimeSpan timeout, string tasks);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Shutdown task {Task} in phase {Phase} failed")]
    private static partial void TaskFailed(ILogger logger, string task, string phase, Exception exception);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "Coordinated shutdown is done: the process exits with code {Code} (exit-process is on)")]
    private static partial void ExitingProcess(ILogger logger, int code);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Shutdown phase {Phase} failed and does not recover; later phases are skipped and the actor system terminates")]
    private static partial void Aborted(ILogger logger, string phase);
}
