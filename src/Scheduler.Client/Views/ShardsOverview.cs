namespace Scheduler.Client.Views;

/// <summary>Where each shard of the task and schedule types lives, and how many entities run in it.</summary>
/// <param name="Shards">Every allocated shard, by type then shard id.</param>
public sealed record ShardsOverview(IReadOnlyList<ShardPlacement> Shards);
