namespace Scheduler.Actors;

/// <summary>
/// An actor with one method for all messages. Call <see cref="ActorBase.Unhandled"/> for messages it does not
/// understand, so they are reported rather than silently dropped.
/// </summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
