using Scheduler.Actors;
using Scheduler.Sharding;

namespace Scheduler.Engine;

/// <summary>
/// What every task and schedule entity of a node shares: the settings, the node's address, its dispatcher, node
/// monitor and due-time index writer (absent without a SQL journal), and the regions of both entity types (looked up when used, since each type's entities talk to the other's).
/// </summary>
internal sealed record EngineRuntime(EngineSettings Settings, Address Node, IActorRef Dispatcher, IActorRef NodeMonitor, ClusterSharding Sharding, IActorRef? DueIndex)
{
    /// <summary>The task region of this node.</summary>
    public IActorRef Tasks => Sharding.ShardRegion(SchedulerEngine.TaskTypeName);

    /// <summary>The schedule region of this node.</summary>
    public IActorRef Schedules => Sharding.ShardRegion(SchedulerEngine.ScheduleTypeName);
}
