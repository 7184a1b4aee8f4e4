using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox, the current actor instance, children, death watch, behaviour stack
/// and supervision state. Exactly one thread at a time runs a cell (its mailbox guarantees it), so its fields need
/// no locks unless another thread may touch them (children, which <c>ActorOf</c> from outside can add).
/// The concerns live in partial files: Children, DeathWatch, FaultHandling, Behavior, ReceiveTimeout, Async.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_current;

    private readonly ActorSystem _system;
    private ActorBase? _actor;
    private Envelope _currentEnvelope;
    private ILogger? _log;

    public ActorCell(ActorSystem system, Props props, InternalActorRef parent, ActorPath path, MessageDispatcher dispatcher, int mailboxCapacity)
    {
        _system = system;
        Props = props;
        ParentRef = parent;
        SelfRef = new LocalActorRef(this, path);
        Mailbox = new Mailbox(this, dispatcher, mailboxCapacity);
    }

    /// <summary>The cell whose actor runs on this thread right now, if any.</summary>
    public static ActorCell? Current => t_current;

    /// <summary>Marks the start of a mailbox run on this thread (once per run, not per message).</summary>
    public static ActorCell? EnterRun(ActorCell cell)
    {
        var previous = t_current;
        t_current = cell;
        return previous;
    }

    /// <summary>Marks the end of a mailbox run.</summary>
    public static void ExitRun(ActorCell? previous) => t_current = previous;

    public LocalActorRef SelfRef { get; }

    public InternalActorRef ParentRef { get; }

    public Mailbox Mailbox { get; }

    public Props Props { get; }

    public ActorSystem System => _system;

    public IActorRef Self => SelfRef;

    public IActorRef Parent => ParentRef;

    public IActorRef Sender => _currentEnvelope.Sender ?? _system.DeadLetters;

    /// <summary>The sender as given, null when there was none (for Forward).</summary>
    public IActorRef? CurrentSender => _currentEnvelope.Sender;

    public ILogger Log => _log ??= CreateLogger();

    /// <summary>Set by the event stream when this actor subscribes, so that only subscribers unsubscribe on stop.</summary>
    public bool SubscribedToEvents
    {
        get => _subscribedToEvents;
        set => _subscribedToEvents = value;
    }

    private volatile bool _subscribedToEvents;


    /// <summary>Called by the actor's ref: enqueue, or send to dead letters when the mailbox refuses.</summary>
    public void Post(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = new Envelope(message, sender);
        // The runtime's own messages (timer ticks, Terminated on its way) must not be lost to a full bounded mailbox.
        if (!Mailbox.TryPost(envelope, bypassCapacity: message is IInternalMessage))
        {
            SendToDeadLetters(envelope, Mailbox.IsClosed ? null : "mailbox full");
        }
    }

    public void SendToDeadLetters(in Envelope envelope, string? reason = null)
    {
        if (envelope.Message is IInternalMessage or DeadLetter)
        {
            // Internal messages mean nothing to anyone else; a dead letter about a dead letter would only echo.
            return;
        }

        _system.DeadLetters.Tell(
            new DeadLetter(envelope.Message, envelope.Sender ?? _system.DeadLetters, SelfRef) { Reason = reason },
            envelope.Sender);
    }

    /// <summary>Counts deliveries, so the stash can tell a second delivery of a shared instance from a repeat.</summary>
    public long DeliveryStamp { get; private set; }

    /// <summary>Handles one user message; never throws (failures go to the supervisor).</summary>
    public void Invoke(in Envelope envelope)
    {
        _currentEnvelope = envelope;
        DeliveryStamp++;
        try
        {
            var message = envelope.Message;
            switch (message)
            {
                case PoisonPill:
                    Stop(SelfRef);
                    break;
                case Kill:
                    throw new ActorKilledException();
                case DeathWatchDelivery delivery:
                    if (TerminatedQueued is not null && TerminatedQueued.Remove(delivery.Actor))
                    {
                        ReceiveUnwrapped(delivery.Message);
                    }

                    break;
                case TimerScheduler.TimerMessage timer:
                    if (TimersState?.Accept(timer) == true)
                    {
                        ReceiveUnwrapped(timer.Message);
                    }

                    break;
                case ReceiveTimeoutTick tick:
                    HandleReceiveTimeoutTick(tick);
                    break;
                case Identify identify:
                    Sender.Tell(new ActorIdentity(identify.MessageId, SelfRef), SelfRef);
                    break;
                default:
                    MarkActivityFor(message);
                    ReceiveMessage(message);
                    break;
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            _currentEnvelope = default;
        }
    }

    /// <summary>
    /// Delivers what a runtime wrapper carried as if it had arrived by itself: the stash then keeps the message,
    /// not the spent wrapper, and it counts as activity for the receive timeout unless it says otherwise.
    /// </summary>
    private void ReceiveUnwrapped(object message)
    {
        _currentEnvelope = _currentEnvelope with { Message = message };
        MarkActivityFor(message);
        ReceiveMessage(message);
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = _behaviors is { Count: > 0 } ? _behaviors[^1](message) : actor.Receive(message);
        if (!handled)
        {
            actor.HandleUnhandled(message);
        }
    }

    /// <summary>Handles one system message; never throws (failures go to the supervisor).</summary>
    public void SystemInvoke(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case SystemMessage.Create:
                    CreateActor();
                    break;
                case SystemMessage.Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case SystemMessage.Suspend:
                    FaultSuspend();
                    break;
                case SystemMessage.Resume resume:
                    FaultResume(resume);
                    break;
                case SystemMessage.Terminate:
                    Terminate();
                    break;
                case SystemMessage.Watch watch:
                    AddWatcher(watch);
                    break;
                case SystemMessage.Unwatch unwatch:
                    RemoveWatcher(unwatch);
                    break;
                case SystemMessage.DeathWatchNotification notification:
                    WatchedActorTerminated(notification);
                    break;
                case SystemMessage.Failed failed:
                    HandleFailed(failed);
                    break;
                case SystemMessage.ChildTerminated terminated:
                    HandleChildTerminated(terminated.Child);
                    break;
                case SystemMessage.AsyncContinuation continuation:
                    RunContinuation(continuation);
                    break;
                case SystemMessage.AsyncCompleted completed:
                    CompleteTask(completed);
                    break;
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            _currentEnvelope = default;
            t_current = previous;
        }
    }

    /// <summary>What happens to a system message that reaches a closed mailbox.</summary>
    public void HandleDeadSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Watch watch when !watch.Watcher.Equals(SelfRef):
                // Watching an actor that is already gone still yields exactly one Terminated.
                watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(SelfRef, ExistenceConfirmed: false));
                break;
            case SystemMessage.AsyncContinuation continuation:
                // The actor is gone; let the rest of its async handler run (finally blocks, disposals) off the actor.
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Callback(c.State), continuation, preferLocal: false);
                break;
        }
    }

    private ILogger CreateLogger()
    {
        try
        {
            return _system.LoggerFactory.CreateLogger(Props.ActorType);
        }
        catch (ObjectDisposedException)
        {
            // The host disposed its logger factory while actors were still stopping; a failure to log must not
            // become a failure of the actor.
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }
    }

    private void CreateActor()
    {
        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
            Mailbox.IsWaitingForCreation = false;
        }
        catch (Exception exception)
        {
            // Akka clears an instance that failed to start: no PostStop or PreRestart runs on it.
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(SelfRef, $"{SelfRef.Path} failed to start: {exception.Message}", exception));
        }
    }

    private ActorBase NewActor()
    {
        _behaviors = null;
        var actor = Props.Factory() ?? throw new InvalidOperationException(
            $"The props factory for {SelfRef.Path} returned null instead of an actor.");
        if (!ReferenceEquals(actor.Cell, this))
        {
            throw new InvalidOperationException(
                $"The props factory for {SelfRef.Path} returned an actor that belongs to another cell; create a new instance in the factory.");
        }

        if (actor is IWithStash withStash)
        {
            withStash.Stash = StashState ??= new ActorStash(this);
        }

        if (actor is IWithTimers withTimers)
        {
            withTimers.Timers = TimersState ??= new TimerScheduler(this);
        }

        actor.OnConstructed();
        return actor;
    }

    public void RunWithSender(IActorRef? sender, Action action)
    {
        var saved = _currentEnvelope;
        _currentEnvelope = new Envelope(saved.Message ?? action, sender);
        try
        {
            action();
        }
        finally
        {
            _currentEnvelope = saved;
        }
    }

    /// <summary>The envelope being handled; the stash takes it from here.</summary>
    public Envelope CurrentEnvelope => _currentEnvelope;
}
