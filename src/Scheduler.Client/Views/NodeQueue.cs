namespace Scheduler.Client.Views;

/// <summary>The tasks of one node that are due and wait for a worker.</summary>
/// <param name="Node">The node.</param>
/// <param name="Ready">How many.</param>
public sealed record NodeQueue(string Node, int Ready);
