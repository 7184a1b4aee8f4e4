using Scheduler.Actors;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Dispatch;

/// <summary>A task waiting in a dispatcher's queue for a worker.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Priority">0 to 9, higher first.</param>
/// <param name="DueAt">Earlier first among equal priorities.</param>
/// <param name="Arrival">The dispatcher's arrival counter: first come, first served among equals.</param>
/// <param name="Placement">Its constraints and strategy.</param>
/// <param name="Entity">The entity to offer a worker to.</param>
internal sealed record ReadyTask(string TaskId, int Priority, DateTimeOffset DueAt, long Arrival, PlacementSpec Placement, IActorRef Entity);
