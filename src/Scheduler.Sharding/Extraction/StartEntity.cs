namespace Scheduler.Sharding.Extraction;

/// <summary>
/// Starts entity <paramref name="EntityId"/> without a message for it; the sender gets <see cref="StartEntityAck"/>
/// once it runs. With remember-entities on, it is started again wherever its shard moves.
/// </summary>
public sealed record StartEntity(string EntityId);
