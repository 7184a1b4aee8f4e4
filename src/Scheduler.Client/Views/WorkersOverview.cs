using Scheduler.Engine.Dispatch;

namespace Scheduler.Client.Views;

/// <summary>Every worker with its load, and the tasks waiting for a worker on each node that hosts tasks.</summary>
/// <param name="Workers">The workers, by path.</param>
/// <param name="Queues">Ready tasks per node.</param>
public sealed record WorkersOverview(IReadOnlyList<WorkerLoad> Workers, IReadOnlyList<NodeQueue> Queues);
