using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// What an actor may do about itself while it handles a message: its identity, its children, death watch,
/// behaviour changes and receive timeouts. Valid only on the actor's own thread of control.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's ref.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>This actor's supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>A logger named after the actor's type.</summary>
    ILogger Log { get; }

    /// <summary>The receive timeout now in force, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The live children.</summary>
    IEnumerable<IActorRef> GetChildren();

    /// <summary>The child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child. A null name generates one; a taken or malformed name throws <see cref="InvalidActorNameException"/>.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Selects actors by a path, absolute or relative to this actor (<c>../sibling</c>, <c>child/*</c>).</summary>
    ActorSelection ActorSelection(string path);

    /// <summary>Stops a child (or this actor) after the message it is handling.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for a <see cref="Terminated"/> when <paramref name="subject"/> stops; exactly one is delivered.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Like <see cref="Watch"/>, but delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; a <see cref="Terminated"/> already queued is discarded.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Pops the behaviour pushed last; the initial behaviour is never popped.</summary>
    void UnbecomeStacked();

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout"/> when no message arrives for <paramref name="timeout"/>; null switches it off.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
