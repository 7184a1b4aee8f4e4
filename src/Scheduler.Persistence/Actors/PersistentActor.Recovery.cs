namespace Scheduler.Persistence;

/// <summary>
/// Recovery runs as one async task of the actor (so commands wait in the mailbox), after taking one of the
/// system's recovery permits; it reads events a page at a time and applies each page in one go. Every await keeps
/// the actor's context (ConfigureAwait(true)): what follows it touches the actor's state.
/// </summary>
public abstract partial class PersistentActor
{
    private void StartRecovery() => RunTask(RecoverAsync);

    private async Task RecoverAsync()
    {
        var permits = _persistence.RecoveryPermits;
        await permits.WaitAsync().ConfigureAwait(true);
        var position = 0L;
        try
        {
            var recovery = Recovery;
            // Criteria no snapshot can meet skip the store's round trip (a new entity's recovery is all round trips).
            var snapshot = recovery.FromSnapshot.MaxSequenceNr <= 0
                ? null
                : await SnapshotStore.LoadAsync(PersistenceId, recovery.FromSnapshot).ConfigureAwait(true);
            if (snapshot is not null)
            {
                position = SnapshotSequenceNr = LastSequenceNr = snapshot.Metadata.SequenceNr;
                ApplyRecovered(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot));
            }

            // The first page comes with the highest sequence number (one round trip where the journal can); while
            // this actor recovers nothing else writes its events, so that number holds for the later pages too.
            var pageSize = _persistence.Settings.RecoveryPageSize;
            var first = await Journal.ReadForRecoveryAsync(PersistenceId, LastSequenceNr + 1, recovery.ToSequenceNr, pageSize).ConfigureAwait(true);
            var page = first.Events;
            while (true)
            {
                foreach (var recovered in page)
                {
                    position = recovered.SequenceNr;
                    LastSequenceNr = recovered.SequenceNr;
                    ApplyRecovered(recovered.Payload);
                }

                var from = LastSequenceNr + 1;
                if (page.Count < pageSize || from > recovery.ToSequenceNr)
                {
                    break;
                }

                page = await Journal.ReadEventsAsync(PersistenceId, from, recovery.ToSequenceNr, pageSize).ConfigureAwait(true);
            }

            // Deleted or unread events still used their numbers: new events go after the highest ever written.
            var highest = first.HighestSequenceNr;
            _nextSequenceNr = Math.Max(LastSequenceNr, highest) + 1;
            LastSequenceNr = _nextSequenceNr - 1;
            IsRecovering = false;
            ApplyRecovered(RecoveryCompleted.Instance);
        }
        catch (Exception exception)
        {
            OnRecoveryFailure(exception, exception is JournalCorruptedException corrupted ? corrupted.SequenceNr : position + 1);
            Context.Stop(Self);
        }
        finally
        {
            permits.Release();
        }
    }

    private void ApplyRecovered(object message)
    {
        if (!ReceiveRecover(message) && message is not RecoveryCompleted and not SnapshotOffer)
        {
            Unhandled(message);
        }
    }
}
