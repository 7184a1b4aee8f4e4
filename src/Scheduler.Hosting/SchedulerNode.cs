using Scheduler.Actors;
using Scheduler.Engine;

namespace Scheduler.Hosting;

/// <summary>
/// The running node, injectable anywhere in the host: its actor system, cluster, engine and the engine's well-known
/// actors (the task and schedule regions or proxies, this node's worker). It is there once the host has started
/// (<see cref="Started"/>); asked before, its members throw and say so.
/// </summary>
public sealed class SchedulerNode
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActorSystem? _system;
    private SchedulerEngine? _engine;

    internal SchedulerNode()
    {
    }

    /// <summary>Completes when the node has started (and fails with the reason if it could not).</summary>
    public Task Started => _started.Task;

    /// <summary>The node's actor system.</summary>
    public ActorSystem System => _system ?? throw NotStarted();

    /// <summary>The node's cluster membership.</summary>
    public Cluster.Cluster Cluster => Scheduler.Cluster.Cluster.Get(System);

    /// <summary>The scheduling engine on this node.</summary>
    public SchedulerEngine Engine => _engine ?? throw NotStarted();

    /// <summary>The client facade every surface uses: submit, get, list, pause, resume, cancel, delete, schedules, watch.</summary>
    public TaskClient Client => Engine.Client;

    /// <summary>The task region (or proxy, on a node that hosts no tasks): send it task commands.</summary>
    public IActorRef Tasks => Engine.Tasks;

    /// <summary>The schedule region (or proxy).</summary>
    public IActorRef Schedules => Engine.Schedules;

    /// <summary>This node's worker, absent on a node without the worker role.</summary>
    public IActorRef? Worker => Engine.Worker;

    internal void Set(ActorSystem system, SchedulerEngine engine)
    {
        _system = system;
        _engine = engine;
        _started.TrySetResult();
    }

    internal void Fail(Exception cause) => _started.TrySetException(cause);

    private static InvalidOperationException NotStarted() =>
        new("The scheduler node has not started yet: await SchedulerNode.Started (the host starts it with its hosted services).");
}
