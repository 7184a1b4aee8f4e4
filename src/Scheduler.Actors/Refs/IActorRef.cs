namespace Scheduler.Actors;

/// <summary>
/// An immutable, shareable handle to an actor. Refs are equal when they point at the same path and incarnation,
/// so a ref to a stopped actor never equals a ref to a new actor created later under the same name.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>, IComparable<IActorRef>
{
    /// <summary>The actor's path, with its incarnation number.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends a message without waiting. <paramref name="sender"/> is what the receiver sees as <c>Sender</c>;
    /// null means no sender, and replies then go to dead letters.
    /// </summary>
    void Tell(object message, IActorRef? sender);
}
