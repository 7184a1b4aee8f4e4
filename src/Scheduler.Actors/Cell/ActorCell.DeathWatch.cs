namespace Scheduler.Actors;

internal sealed partial class ActorCell
{

    public IActorRef Watch(IActorRef subject) => WatchCore(subject, message: null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(SelfRef))
        {
            return subject;
        }

        var target = subject as InternalActorRef ?? throw new ArgumentException(
            $"{subject} is not a ref made by this runtime and cannot be watched.", nameof(subject));
        Watching ??= [];
        if (Watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
            {
                throw new InvalidOperationException(
                    $"{SelfRef.Path} already watches {subject.Path} with another termination message; Unwatch it first.");
            }

            return subject;
        }

        Watching[subject] = message;
        target.SendSystemMessage(new SystemMessage.Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (Watching is not null && Watching.Remove(subject) && subject is InternalActorRef target)
        {
            target.SendSystemMessage(new SystemMessage.Unwatch(target, SelfRef));
        }

        TerminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(SystemMessage.Watch watch)
    {
        if (watch.Watchee.Equals(SelfRef) && !watch.Watcher.Equals(SelfRef))
        {
            (WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void RemoveWatcher(SystemMessage.Unwatch unwatch)
    {
        if (unwatch.Watchee.Equals(SelfRef))
        {
            WatchedBy?.Remove(unwatch.Watcher);
        }
    }

    private void WatchedActorTerminated(SystemMessage.DeathWatchNotification notification)
    {
        if (Watching is null || !Watching.Remove(notification.Actor, out var custom) || Mailbox.IsTerminating)
        {
            return;
        }

        if (notification.Actor is InternalActorRef dead && FindChild(dead) is not null)
        {
            // A child tells its watchers before its parent; free its name now, so that code handling this
            // Terminated can create a successor with the same name (ChildTerminated later finds nothing to do).
            HandleChildTerminated(dead);
        }

        // Through the user queue, behind every message the dead actor sent before it died; Invoke
        // drops it if Unwatch came in between, so it arrives at most once and only while watched.
        (TerminatedQueued ??= []).Add(notification.Actor);
        var message = custom ?? new Terminated(notification.Actor, notification.ExistenceConfirmed);
        Post(new DeathWatchDelivery(notification.Actor, message), notification.Actor);
    }

    private void TellWatchersWeDied()
    {
        if (WatchedBy is null)
        {
            return;
        }

        foreach (var watcher in WatchedBy)
        {
            ((InternalActorRef)watcher).SendSystemMessage(new SystemMessage.DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        }

        WatchedBy = null;
    }

    private void UnwatchWatchedActors()
    {
        if (Watching is null)
        {
            return;
        }

        foreach (var watchee in Watching.Keys)
        {
            ((InternalActorRef)watchee).SendSystemMessage(new SystemMessage.Unwatch((InternalActorRef)watchee, SelfRef));
        }

        Watching = null;
        TerminatedQueued = null;
    }
}
