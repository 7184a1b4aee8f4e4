namespace Scheduler.Engine.Tasks;

/// <summary>
/// An attempt that may still be running on a worker. While a task has one, no other attempt is dispatched: this is
/// what keeps two attempts of a task from overlapping. It ends only with the worker's report or the removal of the
/// worker's node from the cluster.
/// </summary>
/// <param name="Number">The attempt number: the fencing token every report must carry.</param>
/// <param name="Worker">Where it was sent.</param>
/// <param name="DispatchedAt">When it was sent.</param>
/// <param name="StartedAt">When the worker reported it started, if it has.</param>
public sealed record ActiveAttempt(int Number, WorkerRef Worker, DateTimeOffset DispatchedAt, DateTimeOffset? StartedAt);
