namespace Scheduler.Actors;

/// <summary>
/// Where undeliverable messages go: each becomes a <see cref="DeadLetter"/> on the event stream. A watch on it
/// answers at once with a Terminated, since nothing lives here.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override ActorSystem System { get; } = system;

    public override InternalActorRef? Parent => null;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case DeadLetter letter:
                System.EventStream.Publish(letter);
                break;
            case IInternalMessage:
                break;
            default:
                System.EventStream.Publish(new DeadLetter(message, sender ?? this, this));
                break;
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is SystemMessage.Watch watch)
        {
            watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false));
        }
    }
}
