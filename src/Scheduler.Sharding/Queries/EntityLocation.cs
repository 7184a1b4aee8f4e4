using Scheduler.Actors;

namespace Scheduler.Sharding;

/// <summary>
/// Where an entity lives: its shard, the node whose region hosts that shard (null when the shard lives nowhere
/// now), and the entity's ref when it runs (null when it is not running, or the region did not answer in time).
/// </summary>
public sealed record EntityLocation(string EntityId, string ShardId, Address? Region, IActorRef? Entity);
