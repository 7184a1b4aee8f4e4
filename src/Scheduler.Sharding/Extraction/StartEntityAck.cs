namespace Scheduler.Sharding.Extraction;

/// <summary>Entity <paramref name="EntityId"/> of shard <paramref name="ShardId"/> runs.</summary>
public sealed record StartEntityAck(string EntityId, string ShardId);
