namespace Scheduler.Actors;

/// <summary>
/// What a path of this system resolves to when nobody lives there (or another incarnation does): messages become
/// dead letters and a watch is answered at once, as Akka does, so a remote watcher learns the actor is gone.
/// </summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override ActorSystem System { get; } = system;

    public override InternalActorRef? Parent => null;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Identify identify)
        {
            sender?.Tell(new ActorIdentity(identify.MessageId, null), null);
            return;
        }

        System.DeadLetters.Tell(new DeadLetter(message, sender ?? System.DeadLetters, this) { Reason = $"no actor lives at {Path}" }, sender);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is SystemMessage.Watch watch)
        {
            watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false));
        }
    }
}
