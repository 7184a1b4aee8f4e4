using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Execution;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Waking;
using Scheduler.Engine.Workers;
using Scheduler.Cluster.Singleton;
using Scheduler.Persistence.Sql;
using Scheduler.Sharding;

namespace Scheduler.Engine;

/// <summary>
/// The scheduling engine of one node (an extension of its actor system). <see cref="Start"/> starts what the node's
/// roles call for: on nodes with the engine role, the sharded task and schedule entities, a dispatcher and a node
/// monitor; on nodes without it, proxies to the entities; on nodes with the worker role, a worker. The system must be a cluster
/// member with a journal (<c>SqlPersistence.InitAsync</c>) before it starts.
/// </summary>
public sealed class SchedulerEngine
{
    /// <summary>The sharded type name of task entities.</summary>
    public const string TaskTypeName = "task";

    /// <summary>The sharded type name of schedule entities.</summary>
    public const string ScheduleTypeName = "schedule";

    internal const string DispatcherName = "scheduler-dispatcher";
    internal const string WorkerName = "scheduler-worker";
    internal const string NodeMonitorName = "scheduler-node-monitor";
    internal const string DueIndexWriterName = "scheduler-due-index";
    internal const string DueWakerName = "scheduler-due-waker";
    internal const string ReadModelProjectorName = "scheduler-read-model";

    private readonly ActorSystem _system;

    private SchedulerEngine(ActorSystem system, ExecutorRegistry executors, IServiceProvider services)
    {
        _system = system;
        Settings = EngineSettings.Create(system);
        Executors = executors;

        // Types turned on in configuration; a registration made in code (with its own options) is kept.
        if (Settings.HttpEnabled && !executors.Knows("http"))
        {
            executors.AddHttp();
        }

        if (Settings.Shell is { } shell && !executors.Knows("shell"))
        {
            executors.AddShell(shell);
        }

        Register(system);
        var cluster = Cluster.Cluster.Get(system);
        var sharding = ClusterSharding.Get(system);

        // The engine's tables (due-time index, read model) live beside a SQL journal; other journals go without them.
        var sqlJournal = Persistence.Persistence.Get(system).Journal as SqlJournal;
        var extractor = new TaskMessageExtractor(Settings.NumberOfShards);
        var scheduleExtractor = new ScheduleMessageExtractor(Settings.NumberOfShards);
        HostsTasks = Settings.Role is null || cluster.SelfRoles.Contains(Settings.Role);
        if (HostsTasks)
        {
            var dispatcher = system.SystemActorOf(Dispatcher.Props(Settings), DispatcherName);
            var monitor = system.SystemActorOf(NodeMonitor.Props(), NodeMonitorName);
            var index = sqlJournal is null ? null : new DueIndexStore(sqlJournal);
            var writer = index is null ? null : system.SystemActorOf(DueIndexWriter.Props(index, Settings.ResendInterval), DueIndexWriterName);
            var runtime = new EngineRuntime(Settings, cluster.SelfAddress, dispatcher, monitor, sharding, writer);
            var shardingSettings = ClusterShardingSettings.Create(system) with { Role = Settings.Role, RememberEntities = true };
            Tasks = sharding.Start(TaskTypeName, id => TaskEntity.Props(id, runtime), shardingSettings, extractor,
                handOffStopMessage: EngineEntityStop.Instance);
            Schedules = sharding.Start(ScheduleTypeName, id => ScheduleEntity.Props(id, runtime), shardingSettings, scheduleExtractor,
                handOffStopMessage: EngineEntityStop.Instance);
            if (index is not null)
            {
                StartSingleton(system, DueWaker.Props(index, Tasks, Schedules, Settings.DueIndex), "waker", DueWakerName);
            }
        }
        else
        {
            Tasks = sharding.StartProxy(TaskTypeName, Settings.Role, extractor);
            Schedules = sharding.StartProxy(ScheduleTypeName, Settings.Role, scheduleExtractor);
        }

        if (Settings.WorkerRole.Length == 0 || cluster.SelfRoles.Contains(Settings.WorkerRole))
        {
            Worker = system.SystemActorOf(Workers.Worker.Props(Settings, executors, services, Tasks), WorkerName);
        }

        var readModels = sqlJournal is not null && Settings.ReadModel.Enabled
            ? new ReadModelStores(new TaskViewStore(sqlJournal), new ScheduleViewStore(sqlJournal))
            : null;
        if (readModels is not null && HostsTasks)
        {
            StartReadModels(system, sqlJournal!, readModels);
        }

        Client = new TaskClient(Tasks, Schedules, Settings, executors, system.TimeProvider, system.Settings.AskTimeout, readModels,
            () => Persistence.Persistence.Get(system).ReadJournal);
    }

    // One instance in the cluster, on the oldest node with the engine's role, under /system/<managerName>.
    // One singleton runs both projections; each runner's loop is awaited before the system terminates.
    private void StartReadModels(ActorSystem system, SqlJournal journal, ReadModelStores stores)
    {
        var logger = system.LoggerFactory.CreateLogger<ProjectionRunner>();
        SqlProjectionOptions Options(string name, string tag) =>
            new() { Name = name, Tag = tag, BatchSize = Settings.ReadModel.BatchSize, BatchInterval = Settings.ReadModel.BatchInterval };
        ProjectionRunner[] runners =
        [
            new(journal, Options("task_view", TaskEvent.Tag), stores.Tasks.EnsureAsync,
                () => new TaskViewProjection(journal.ReadJournal).HandleAsync, logger, system.TimeProvider),
            new(journal, Options("schedule_view", ScheduleEvent.Tag), stores.Schedules.EnsureAsync,
                () => new ScheduleViewProjection(journal.ReadJournal).HandleAsync, logger, system.TimeProvider),
        ];
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "stop-read-models",
            _ => Task.WhenAll(runners.Select(runner => runner.StopAsync())));
        StartSingleton(system, ReadModelProjector.Props(runners, stores.Tasks, Settings.ReadModel), "read-model", ReadModelProjectorName);
    }

    private void StartSingleton(ActorSystem system, Props singleton, string singletonName, string managerName) =>
        system.SystemActorOf(
            ClusterSingletonManager.Props(singleton, PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system) with { Role = Settings.Role, SingletonName = singletonName }),
            managerName);

    /// <summary>The settings read at start.</summary>
    public EngineSettings Settings { get; }

    /// <summary>The task types this node knows.</summary>
    public ExecutorRegistry Executors { get; }

    /// <summary>The task region (or proxy): every task message goes here.</summary>
    public IActorRef Tasks { get; }

    /// <summary>The schedule region (or proxy): every schedule message goes here.</summary>
    public IActorRef Schedules { get; }

    /// <summary>This node's worker, if it has the worker role.</summary>
    public IActorRef? Worker { get; }

    /// <summary>True when this node hosts task entities.</summary>
    public bool HostsTasks { get; }

    /// <summary>The facade every surface uses.</summary>
    public TaskClient Client { get; }

    /// <summary>
    /// What the dispatcher of every Up node with the engine's role sees: each node's ready tasks and the workers with
    /// their load. A dispatcher that does not answer within <paramref name="timeout"/> is left out.
    /// </summary>
    public async Task<IReadOnlyList<DispatcherState>> GetDispatcherStatesAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var nodes = Cluster.Cluster.Get(_system).State.Members.Where(Settings.IsUpEngineNode).Select(member => member.Address).ToList();
        var asks = nodes.Select(async address =>
        {
            try
            {
                var dispatcher = DispatcherOn(_system, address);
                return await dispatcher.Ask<DispatcherState>(GetDispatcherState.Instance, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        });
        var states = await Task.WhenAll(asks).ConfigureAwait(false);
        return [.. states.OfType<DispatcherState>()];
    }

    /// <summary>The dispatcher of the node at <paramref name="address"/> (a system actor every engine node starts).</summary>
    internal static IActorRef DispatcherOn(ActorSystem system, Address address) => system.ResolveActorRef(address + "/system/" + DispatcherName);

    /// <summary>Starts the engine on <paramref name="system"/> (once; later calls return the running engine).</summary>
    public static SchedulerEngine Start(ActorSystem system, ExecutorRegistry? executors = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(s => new SchedulerEngine(s, executors ?? new ExecutorRegistry(), services ?? EmptyServices.Instance));
    }

    /// <summary>Registers every engine message with its manifest (done by <see cref="Start"/>).</summary>
    public static void Register(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var registry = system.Serialization;
        TaskEvent.RegisterAll(registry);
        TaskCommand.RegisterAll(registry);
        TaskReply.RegisterAll(registry);
        AttemptReport.RegisterAll(registry);
        TaskInput.RegisterAll(registry);
        WorkerProtocol.RegisterAll(registry);
        ScheduleCommand.RegisterAll(registry);
        ScheduleReply.RegisterAll(registry);
        ScheduleEvent.RegisterAll(registry);
        ScheduleInput.RegisterAll(registry);
        GetDispatcherState.RegisterAll(registry);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}
