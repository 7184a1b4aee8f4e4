using Scheduler.Actors;

namespace Scheduler.TestKit;

/// <summary>
/// The ref of a <see cref="TestProbe"/>: what it receives is queued for the probe's expectations; actors may
/// watch it, and it may watch actors.
/// </summary>
internal sealed class ProbeRef(ActorSystem system, ActorPath path, TestProbe probe) : InternalActorRef
{
    private readonly HashSet<IActorRef> _watching = [];

    public override ActorPath Path { get; } = path;

    public override ActorSystem System { get; } = system;

    public override InternalActorRef? Parent => null;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        probe.Enqueue(message, sender ?? System.DeadLetters);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.DeathWatchNotification notification:
                bool watched;
                lock (_watching)
                {
                    watched = _watching.Remove(notification.Actor);
                }

                if (watched)
                {
                    probe.Enqueue(new Terminated(notification.Actor, notification.ExistenceConfirmed), notification.Actor);
                }

                break;
            case SystemMessage.Watch watch when !watch.Watchee.Equals(this):
                break;
        }
    }

    public void Watch(IActorRef subject)
    {
        var target = subject as InternalActorRef ?? throw new ArgumentException($"{subject} cannot be watched.", nameof(subject));
        lock (_watching)
        {
            if (!_watching.Add(subject))
            {
                return;
            }
        }

        target.SendSystemMessage(new SystemMessage.Watch(target, this));
    }

    public void Unwatch(IActorRef subject)
    {
        lock (_watching)
        {
            _watching.Remove(subject);
        }

        (subject as InternalActorRef)?.SendSystemMessage(new SystemMessage.Unwatch((InternalActorRef)subject, this));
    }
}
