using Scheduler.Engine.Dispatch;

namespace Scheduler.Api.ClusterView;

/// <summary>Every worker with its load, and the tasks waiting for a worker on each node that hosts tasks.</summary>
/// <param name="Workers">The workers, by path.</param>
/// <param name="Queues">Ready tasks per node.</param>
public sealed record WorkersOverview(IReadOnlyList<WorkerLoad> Workers, IReadOnlyList<NodeQueue> Queues)
{
    // Every dispatcher hears from every worker; where two differ, the one that reports fewer free slots has heard
    // of more offers, so it is the nearer to the truth.
    internal static WorkersOverview Of(IReadOnlyList<DispatcherState> states) => new(
        [.. states.SelectMany(state => state.Workers)
            .GroupBy(worker => worker.Worker, StringComparer.Ordinal)
            .Select(group => group.MinBy(worker => worker.FreeSlots)!)
            .OrderBy(worker => worker.Worker, StringComparer.Ordinal)],
        [.. states.Select(state => new NodeQueue(state.Node, state.Ready)).OrderBy(queue => queue.Node, StringComparer.Ordinal)]);
}
