namespace Scheduler.Sharding;

/// <summary>A shard and the ids of its running entities.</summary>
public sealed record ShardState(string ShardId, IReadOnlyList<string> EntityIds);
