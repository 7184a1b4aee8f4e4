using Scheduler.Actors;
using Scheduler.Remote.Endpoints;
using Scheduler.Remote.Watch;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Refs;

/// <summary>
/// A ref to an actor of another node. A send only queues the message on the node's association; watch, unwatch
/// and death notices become numbered system messages that are acknowledged and resent until they arrive.
/// </summary>
internal sealed class RemoteActorRef : InternalActorRef
{
    private readonly Association _association;

    public RemoteActorRef(ActorSystem system, Association association, ActorPath path)
    {
        System = system;
        _association = association;
        Path = path;
        PathText = path.ToSerializationFormat();
    }

    public override ActorPath Path { get; }

    /// <summary>The path as it travels, computed once.</summary>
    public string PathText { get; }

    public override ActorSystem System { get; }

    public override InternalActorRef? Parent => null;

    public override bool IsRemote => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _association.Send(new Outbound.Message(PathText, message, sender));
    }

    public override void SendSelection(IReadOnlyList<string> elements, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _association.Send(new Outbound.Selection(PathText, string.Join('/', elements), message, sender));
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Watch watch when Equals(watch.Watchee):
                _association.Provider.Watcher.Tell(new RemoteWatcher.WatchRemote(this, watch.Watcher), null);
                _association.SendSystem(SystemKind.Watch, PathText, watch.Watcher.Path.ToSerializationFormat(), existenceConfirmed: false);
                break;
            case SystemMessage.Unwatch unwatch when Equals(unwatch.Watchee):
                _association.Provider.Watcher.Tell(new RemoteWatcher.UnwatchRemote(this, unwatch.Watcher), null);
                _association.SendSystem(SystemKind.Unwatch, PathText, unwatch.Watcher.Path.ToSerializationFormat(), existenceConfirmed: false);
                break;
            case SystemMessage.DeathWatchNotification notice:
                _association.SendSystem(SystemKind.Terminated, notice.Actor.Path.ToSerializationFormat(), PathText, notice.ExistenceConfirmed);
                break;
        }
    }
}
