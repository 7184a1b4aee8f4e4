namespace Scheduler.Client.Views;

/// <summary>One shard.</summary>
/// <param name="Type">The sharded type: task or schedule.</param>
/// <param name="Shard">The shard id.</param>
/// <param name="Node">The node whose region hosts it.</param>
/// <param name="Entities">Entities running in it now (passivated ones are not counted).</param>
public sealed record ShardPlacement(string Type, string Shard, string Node, int Entities);
