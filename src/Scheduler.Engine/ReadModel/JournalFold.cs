using Scheduler.Persistence;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Folds the events of one kind of entity, in journal order, into each entity's state with the entity's own pure
/// apply function, so a read model's row says exactly what a get would. The state after the last event of recently
/// seen entities is kept in memory; any other (after a restart, or a batch that was rolled back) is first folded
/// again from its events in the journal.
/// </summary>
internal sealed class JournalFold<TEvent, TState>(IReadJournal events, string persistencePrefix, Func<TState?, TEvent, TState> apply, int remembered = 10_000)
    where TEvent : class
    where TState : class
{
    private readonly Dictionary<string, (long SequenceNr, TState State)> _recent = new(StringComparer.Ordinal);

    /// <summary>The entity's state after <paramref name="envelope"/>'s event; null when the event is not one of these entities'.</summary>
    public async Task<TState?> NextAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not TEvent change || !envelope.PersistenceId.StartsWith(persistencePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var before = _recent.TryGetValue(envelope.PersistenceId, out var known) && known.SequenceNr == envelope.SequenceNr - 1
            ? known.State
            : await FoldAsync(envelope.PersistenceId, envelope.SequenceNr - 1, cancellationToken).ConfigureAwait(false);
        var state = apply(before, change);
        if (_recent.Count >= remembered)
        {
            _recent.Clear();
        }

        _recent[envelope.PersistenceId] = (envelope.SequenceNr, state);
        return state;
    }

    private async Task<TState?> FoldAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        TState? state = null;
        if (toSequenceNr < 1)
        {
            return state;
        }

        await foreach (var stored in events.CurrentEventsByPersistenceId(persistenceId, 1, toSequenceNr, cancellationToken).ConfigureAwait(false))
        {
            if (stored.Event is TEvent change)
            {
                state = apply(state, change);
            }
        }

        return state;
    }
}
