using Scheduler.Actors;
using Scheduler.Cluster.Members;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// A worker as a task remembers it: the actor, and the incarnation of the node it lives on, whose removal from the
/// cluster is what allows the task's attempt there to be given up.
/// </summary>
public sealed record WorkerRef(IActorRef Actor, UniqueAddress Node);
