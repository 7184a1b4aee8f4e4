using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Persistence;

/// <summary>
/// An event-sourced actor after Akka.Persistence. It recovers its state at start (latest snapshot, then the events
/// after it), then handles commands; a command handler records facts with <c>Persist</c>, and the handler given
/// with each event runs once the event is durable, in order, with the sender of the command that persisted it.
/// <list type="bullet">
/// <item>While recovering, and while a <c>Persist</c>/<c>PersistAll</c>/<c>Defer</c> is being written, new
/// commands wait in the mailbox. <c>PersistAsync</c> lets them through.</item>
/// <item>A failed write (the database is down, or another incarnation wrote the same sequence number) calls
/// <see cref="OnPersistFailure"/>, which logs and stops the actor: its supervisor (a backoff supervisor, typically)
/// starts it again, and recovery shows what was really stored.</item>
/// <item>A rejected event (it cannot be serialized) calls <see cref="OnPersistRejected"/>; the actor goes on.</item>
/// <item>A failed recovery calls <see cref="OnRecoveryFailure"/>, logs the persistence id and sequence number, and
/// stops the actor.</item>
/// </list>
/// </summary>
public abstract partial class PersistentActor : ActorBase
{
    private readonly Persistence _persistence;

    /// <summary>Binds the actor to its system's persistence extension.</summary>
    protected PersistentActor()
    {
        _persistence = Persistence.Get(Context.System);
        WriterId = Guid.NewGuid().ToString("N");
    }

    /// <summary>The id of the entity this actor is the live incarnation of.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event applied (recovered or persisted).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number of the snapshot recovery started from, or 0.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until recovery has completed.</summary>
    public bool IsRecovering { get; private set; } = true;

    /// <summary>Identifies this incarnation in the journal's writer column.</summary>
    protected string WriterId { get; }

    /// <summary>How this actor recovers; <see cref="Recovery.Default"/> unless overridden.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The journal this actor writes to.</summary>
    protected IJournal Journal => _persistence.Journal;

    /// <summary>The snapshot store.</summary>
    protected ISnapshotStore SnapshotStore => _persistence.SnapshotStore;

    /// <summary>Applies a recovered event, <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        if (message is BatchWritten written)
        {
            ApplyWritten(written.Batch);
            FlushBatch();
            return true;
        }

        var handled = ReceiveCommand(message);
        FlushBatch();
        return handled;
    }

    /// <summary>Starts recovery after the user's <c>PreStart</c>.</summary>
    protected override void AroundPreStart()
    {
        base.AroundPreStart();
        StartRecovery();
    }

    /// <summary>Saves <paramref name="snapshot"/> as of <see cref="LastSequenceNr"/>; the outcome arrives as a message.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.TimeProvider.GetUtcNow());
        _ = SnapshotStore.SaveAsync(metadata, snapshot).PipeTo(Self, success: () => new SaveSnapshotSuccess(metadata), failure: e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes this entity's snapshots that match; the outcome arrives as a message.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        _ = SnapshotStore.DeleteAsync(PersistenceId, criteria).PipeTo(Self, success: () => new DeleteSnapshotsSuccess(criteria), failure: e => new DeleteSnapshotsFailure(criteria, e));
    }

    /// <summary>Marks this entity's events up to <paramref name="toSequenceNr"/> deleted; the outcome arrives as a message.</summary>
    protected void DeleteMessages(long toSequenceNr) =>
        _ = Journal.DeleteMessagesToAsync(PersistenceId, toSequenceNr).PipeTo(Self, success: () => new DeleteMessagesSuccess(toSequenceNr), failure: e => new DeleteMessagesFailure(toSequenceNr, e));

    /// <summary>
    /// A write failed. By default: log it and stop, so the supervisor can start a fresh incarnation that recovers
    /// what was really stored.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        PersistenceLog.PersistFailed(Log, @event.GetType().Name, PersistenceId, sequenceNr, cause);
        Context.Stop(Self);
    }

    /// <summary>An event was rejected by the journal (it cannot be serialized). By default: log it; the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        PersistenceLog.PersistRejected(Log, @event.GetType().Name, PersistenceId, sequenceNr, cause);

    /// <summary>Recovery failed; the actor stops after this. By default it only logs.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, long sequenceNr) =>
        PersistenceLog.RecoveryFailed(Log, PersistenceId, sequenceNr, cause);

    private static partial class PersistenceLog
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Writing event {EventType} of persistence id '{PersistenceId}' at sequence number {SequenceNr} failed; the actor stops")]
        public static partial void PersistFailed(ILogger logger, string eventType, string persistenceId, long sequenceNr, Exception exception);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Event {EventType} of persistence id '{PersistenceId}' at sequence number {SequenceNr} was rejected by the journal; the actor goes on")]
        public static partial void PersistRejected(ILogger logger, string eventType, string persistenceId, long sequenceNr, Exception exception);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Recovery of persistence id '{PersistenceId}' failed at sequence number {SequenceNr}; the actor stops")]
        public static partial void RecoveryFailed(ILogger logger, string persistenceId, long sequenceNr, Exception exception);
    }
}
