namespace Scheduler.Sharding;

/// <summary>
/// Sent by an entity to its parent (<c>Context.Parent</c>) to be stopped: the shard sends it
/// <paramref name="StopMessage"/>, after whatever is already in its mailbox, and holds messages that arrive
/// meanwhile; they go to the entity's next incarnation, so none is lost.
/// </summary>
public sealed record Passivate(object StopMessage);
