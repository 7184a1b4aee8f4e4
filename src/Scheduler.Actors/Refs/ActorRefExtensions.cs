namespace Scheduler.Actors;

/// <summary>Sending helpers that pick the sender from the calling actor, as Akka's implicit sender does.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends a message; inside an actor the sender is that actor's <c>Self</c>, elsewhere there is no sender.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>
    /// Sends a message on behalf of the current message's sender, so the receiver replies to the original asker.
    /// Only valid inside an actor.
    /// </summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var cell = ActorCell.Current ?? throw new InvalidOperationException(
            "Forward is only valid while an actor handles a message; use Tell with an explicit sender elsewhere.");
        receiver.Tell(message, cell.CurrentSender);
    }
}
