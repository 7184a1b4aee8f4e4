using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// The base of every actor. An actor is created only through <see cref="Props"/> by the runtime, which calls its
/// lifecycle hooks in Akka's order: constructor, <see cref="PreStart"/>, messages, and on failure
/// <see cref="PreRestart"/> on the old instance and <see cref="PostRestart"/> on a new one; finally <see cref="PostStop"/>.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the cell that is constructing it.</summary>
    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new ActorInitializationException(
            $"{GetType().Name} was constructed with 'new'; actors are created by ActorOf from Props.");
    }

    /// <summary>This actor's context.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's ref.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled.</summary>
    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>Handles a message; returns false when it does not apply, and the runtime calls <see cref="Unhandled"/>.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Runs after construction, before the first message.</summary>
    protected virtual void PreStart() { }

    /// <summary>Runs once the actor and all its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>
    /// Runs on the failed instance before it is replaced. By default it stops (and unwatches) every child and then
    /// calls <see cref="PostStop"/>, as in Akka.
    /// </summary>
    /// <param name="reason">The exception that caused the restart.</param>
    /// <param name="message">The message being handled when it failed, if any.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart; by default it calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy for this actor's children. The default restarts a failed child (see <see cref="Actors.SupervisorStrategy.Default"/>).</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Default;

    /// <summary>
    /// Called for a message no behaviour handled. An unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
        _cell.System.LogUnhandled(message, Self);
    }

    /// <summary>
    /// Runs an asynchronous piece of work inside the actor: user messages wait until it completes, continuations
    /// after <c>await</c> run with this actor's context, and an exception fails the actor as a handler would.
    /// </summary>
    protected void RunTask(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _cell.RunTask(work);
    }

    /// <summary>Replaces the current behaviour (see <see cref="IActorContext.Become"/>).</summary>
    protected void Become(Receive receive) => Context.Become(receive);

    /// <summary>Pushes a behaviour (see <see cref="IActorContext.BecomeStacked"/>).</summary>
    protected void BecomeStacked(Receive receive) => Context.BecomeStacked(receive);

    /// <summary>Pops a behaviour (see <see cref="IActorContext.UnbecomeStacked"/>).</summary>
    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    /// <summary>A logger named after this actor's type.</summary>
    protected ILogger Log => _cell.Log;

    /// <summary>Runs <paramref name="action"/> as if the current message had come from <paramref name="sender"/>.</summary>
    internal void RunWithSender(IActorRef? sender, Action action) => _cell.RunWithSender(sender, action);

    internal bool HandleUnhandled(object message)
    {
        Unhandled(message);
        return true;
    }

    internal virtual void OnConstructed() { }

    /// <summary>
    /// Wraps <see cref="PreStart"/>; a base class that must act around the user's hook (a persistent actor starts
    /// its recovery here) overrides this and calls the base.
    /// </summary>
    protected virtual void AroundPreStart() => PreStart();

    /// <summary>Wraps <see cref="PostStop"/> (see <see cref="AroundPreStart"/>).</summary>
    protected virtual void AroundPostStop() => PostStop();

    /// <summary>Wraps <see cref="PreRestart"/> (see <see cref="AroundPreStart"/>).</summary>
    protected virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    /// <summary>Wraps <see cref="PostRestart"/> (see <see cref="AroundPreStart"/>).</summary>
    protected virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal void InvokePreStart() => AroundPreStart();

    internal void InvokePostStop() => AroundPostStop();

    internal void InvokePreRestart(Exception reason, object? message) => AroundPreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => AroundPostRestart(reason);
}
