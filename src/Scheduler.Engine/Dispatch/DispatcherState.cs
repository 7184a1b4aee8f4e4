namespace Scheduler.Engine.Dispatch;

/// <summary>
/// What one node's dispatcher sees: how many of its node's tasks wait for a worker, and every worker of the cluster
/// as last advertised (with the slots this dispatcher has offered since).
/// </summary>
/// <param name="Node">The dispatcher's node.</param>
/// <param name="Ready">Tasks of this node that are due and wait for a worker.</param>
/// <param name="Workers">Every worker this dispatcher knows, by path.</param>
public sealed record DispatcherState(string Node, int Ready, IReadOnlyList<WorkerLoad> Workers);
