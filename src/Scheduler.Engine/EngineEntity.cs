using Scheduler.Actors;
using Scheduler.Engine.Waking;
using Scheduler.Persistence;
using Scheduler.Sharding;
using Scheduler.Sharding.Extraction;

namespace Scheduler.Engine;

/// <summary>
/// What the task and schedule entities share: a pure lifecycle decides what an input changes; the entity stores
/// those events (tagged for the read side), answers only once they are stored (accepted means durable), and then
/// carries out what the new state implies (<see cref="Reconcile"/>). Both passivate through their shard with
/// <see cref="EngineEntityStop"/>, which is also their hand-off stop message. Both park the same way: an entity that
/// waits further ahead than passivate-waiting-after stores its row in the due-time index (<see cref="KeepParked"/>)
/// and passivates once the row is stored; the index's waker starts it again in time.
/// <para>
/// A message the shard forwarded before it handled the entity's <see cref="Passivate"/> still reaches this
/// incarnation, ahead of the stop message. Should it change the state (a re-run of a finished task, the last child's
/// end to a waiting parent, a resume of a paused schedule), the reason to leave may be gone; the entity still stops,
/// as the shard expects, but first asks its shard to start it again, so that the next incarnation decides afresh
/// from the stored state. Otherwise nothing would (with remember-entities the shard records it as passivated). The
/// same holds for an instance stopped without having asked (restarted after a failure while the stop was on its way)
/// and for one whose write failed after it asked.
/// </para>
/// </summary>
/// <typeparam name="TEvent">The entity's event type.</typeparam>
internal abstract class EngineEntity<TEvent> : PersistentActor, IWithTimers, IWithStash
    where TEvent : class
{
    private const string PassivateTimer = "passivate";
    private const string ParkTimer = "park";
    private readonly IReadOnlyList<string> _tags;
    private readonly EngineRuntime _runtime;
    private readonly string _entityId;
    private readonly string _dueKey;

    // Events stored by this incarnation, and how many there were when it last asked to passivate (null: it has not).
    private long _stored;
    private long? _storedWhenLeaving;

    // Between Hold and ReleaseHeld: messages other than the awaited answer wait in the stash.
    private bool _holding;

    /// <param name="tag">The tag of every event, for the read side.</param>
    /// <param name="runtime">The node's engine parts.</param>
    /// <param name="entityId">The entity's id in its shard.</param>
    /// <param name="dueKey">This entity's row key in the due-time index (<see cref="DueKeys"/>).</param>
    protected EngineEntity(string tag, EngineRuntime runtime, string entityId, string dueKey)
    {
        _tags = [tag];
        _runtime = runtime;
        _entityId = entityId;
        _dueKey = dueKey;
    }

    // Commands and recovery go through switches, not handlers registered per instance: at thousands of tasks a
    // second the per-instance delegates were a sixth of the live heap and much of the cost of starting an entity.
    protected sealed override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case TEvent change:
                Apply(change);
                return true;
            case RecoveryCompleted:
                Reconcile();
                return true;
            default:
                return false;
        }
    }

    protected sealed override bool ReceiveCommand(object message)
    {
        if (_holding && !IsAwaitedAnswer(message))
        {
            // A tick of the entity's own timers is dropped, not stashed: the kernel checks a tick against its timer
            // when it arrives, so one unstashed later would act even if the timer was cancelled or restarted meanwhile
            // (a passivation of a task that has become ready). The Reconcile after the held decision's write arms
            // every timer again from the state.
            if (!IsTick(message))
            {
                Stash.Stash();
            }

            return true;
        }

        switch (message)
        {
            case PassivateNow:
                Passivate();
                return true;
            case EngineEntityStop:
                Stop();
                return true;
            case ParkTick:
                if (Parks)
                {
                    RegisterRow();
                }

                return true;
            case DueIndexWriter.Registered registered:
                // Stored: the row wakes the entity, so it may leave memory (and, passivated, is not remembered by its shard).
                if (Parks && ParkableUntil == registered.DueAt)
                {
                    Timers.Cancel(ParkTimer);
                    Passivate();
                }

                return true;
            default:
                return Command(message);
        }
    }

    /// <summary>Handles a command of the entity's own; false when it is not one.</summary>
    protected abstract bool Command(object message);

    /// <summary>
    /// Makes every later message wait, except those <see cref="IsAwaitedAnswer"/> accepts, until
    /// <see cref="ReleaseHeld"/>: for a decision that needs another actor's answer before it is stored. The
    /// stop of a passivation or hand-off waits too, so the decision is stored (or dropped) by this incarnation.
    /// </summary>
    protected void Hold() => _holding = true;

    /// <summary>Ends <see cref="Hold"/>: the held messages come next, in their order (after any write begun now).</summary>
    protected void ReleaseHeld()
    {
        _holding = false;
        Stash.UnstashAll();
    }

    /// <summary>While the entity holds, true for a message that must not wait (the answer it holds for).</summary>
    protected virtual bool IsAwaitedAnswer(object message) => false;

    /// <summary>True for the message of one of the entity's timers (each is armed again by <see cref="Reconcile"/>).</summary>
    protected virtual bool IsTick(object message) => message is PassivateNow or ParkTick;

    /// <summary>
    /// The time the entity waits for when nothing else keeps it in memory meanwhile (a waiting task's due time, an
    /// idle active schedule's next wake); null when it cannot leave memory to wait.
    /// </summary>
    protected abstract DateTimeOffset? ParkableUntil { get; }

    /// <summary>True when the entity parks: it waits further ahead than passivate-waiting-after and the node keeps a due-time index (SQL journals only).</summary>
    protected bool Parks =>
        _runtime.DueIndex is not null
        && ParkableUntil is { } until
        && until - Context.System.TimeProvider.GetUtcNow() > _runtime.Settings.PassivateWaitingAfter;

    /// <summary>
    /// Part of <see cref="Reconcile"/>: while the entity parks, registers its row (again every resend interval, until
    /// the index writer confirms it); otherwise stops doing so. Returns whether it parks.
    /// </summary>
    protected bool KeepParked()
    {
        var parks = Parks;
        if (parks)
        {
            RegisterRow();
        }

        KeepTimer(ParkTimer, ParkTick.Instance, parks);
        return parks;
    }

    private void RegisterRow() => _runtime.DueIndex!.Tell(new DueIndexWriter.Register(_dueKey, ParkableUntil!.Value), Self);

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    // Engine entities never save snapshots; not asking the snapshot store saves a round trip per start.
    protected override Recovery Recovery => Recovery.WithoutSnapshots;

    /// <summary>Folds one stored (or recovered) event into the state.</summary>
    protected abstract void Apply(TEvent change);

    /// <summary>Carries out what the current state implies; safe to run any number of times.</summary>
    protected abstract void Reconcile();

    /// <summary>Asks the shard to passivate this entity now; messages that come meanwhile go to its next incarnation.</summary>
    protected void Passivate()
    {
        _storedWhenLeaving = _stored;
        Context.Parent.Tell(new Passivate(EngineEntityStop.Instance));
    }

    // The stop message of passivation and of hand-off. Events stored since the entity asked to passivate came from
    // messages already on their way to it: its next incarnation (started by the shard once this one is gone) decides
    // whether it still may leave. An instance that never asked (one restarted after a failure while the stop was on
    // its way, or one handed off) asks too: its shard starts it again only if it passivates it; during a hand-off
    // the shard sends the request on to its region, which routes it to the entity's new home.
    private void Stop()
    {
        if (_storedWhenLeaving != _stored)
        {
            AskToStartAgain();
        }

        Context.Stop(Self);
    }

    // A write failed: this instance stops (the journal knows what was really stored). If it had asked to passivate,
    // its shard would record it as passivated and never start it again, so it asks to be.
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (_storedWhenLeaving is not null)
        {
            AskToStartAgain();
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void AskToStartAgain() => Context.Parent.Tell(new StartEntity(_entityId), ActorRefs.NoSender);

    /// <summary>Passivates after <paramref name="idle"/> unless <see cref="StayInMemory"/> comes first.</summary>
    protected void PassivateAfter(TimeSpan idle) => Timers.StartSingleTimer(PassivateTimer, PassivateNow.Instance, idle);

    /// <summary>Cancels a pending <see cref="PassivateAfter"/>.</summary>
    protected void StayInMemory() => Timers.Cancel(PassivateTimer);

    /// <summary>Called once an event this entity decided on is stored and applied (not on recovery): for metrics.</summary>
    protected virtual void Stored(TEvent change)
    {
    }

    /// <summary>
    /// Stores <paramref name="events"/> and then answers <paramref name="reply"/> to the current sender and
    /// reconciles. With nothing to store it answers at once, and reconciles only when <paramref name="reconcileAnyway"/>.
    /// </summary>
    protected void Carry(IReadOnlyList<TEvent> events, object? reply, bool reconcileAnyway) =>
        Carry(events, new Answer(Sender, reply), default, reconcileAnyway);

    /// <summary>
    /// As <see cref="Carry(IReadOnlyList{TEvent}, object?, bool)"/>, with two answers, each to its own recipient
    /// (for a decision held while another actor was asked, whose answer is due as well).
    /// </summary>
    protected void Carry(IReadOnlyList<TEvent> events, Answer first, Answer second, bool reconcileAnyway)
    {
        if (events.Count == 0)
        {
            first.Send(Self);
            second.Send(Self);
            if (reconcileAnyway)
            {
                Reconcile();
            }

            return;
        }

        var left = events.Count;
        PersistAll(events.Select(change => new Tagged(change, _tags)), tagged =>
        {
            Apply((TEvent)tagged.Payload);
            _stored++;
            Stored((TEvent)tagged.Payload);
            if (--left == 0)
            {
                first.Send(Self);
                second.Send(Self);
                Reconcile();
            }
        });
    }

    /// <summary>A message to send once a decision is stored; nothing when either part is null.</summary>
    protected readonly record struct Answer(IActorRef? To, object? Message)
    {
        public void Send(IActorRef self)
        {
            if (To is not null && Message is not null)
            {
                To.Tell(Message, self);
            }
        }
    }

    /// <summary>
    /// Starts the periodic timer <paramref name="key"/> (every resend interval) when it is needed and not running yet
    /// (restarting it on every change could put its next tick off for as long as changes keep coming), and cancels it
    /// once no longer needed.
    /// </summary>
    protected void KeepTimer(string key, object message, bool needed)
    {
        if (!needed)
        {
            Timers.Cancel(key);
        }
        else if (!Timers.IsTimerActive(key))
        {
            Timers.StartPeriodicTimer(key, message, _runtime.Settings.ResendInterval);
        }
    }

    private sealed record ParkTick
    {
        public static ParkTick Instance { get; } = new();
    }

    private sealed record PassivateNow
    {
        public static PassivateNow Instance { get; } = new();
    }
}
