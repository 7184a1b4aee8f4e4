using Scheduler.Persistence;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Folds the events of one kind of entity, in journal order, into each entity's state with the entity's own pure
/// apply function, so a read model's row says exactly what a get would. The state after the last event of recently
/// seen entities is kept in memory; any other (after a restart, a batch that was rolled back, or an entity not seen
/// for long) is first folded again from its events in the journal.
/// </summary>
/// <remarks>
/// Memory holds two generations of at most half of <c>remembered</c> entities each: when the young one is full it
/// becomes the old one and the old one is dropped, so an entity seen a moment ago is never forgotten all at once (a
/// single map cleared when full made every entity in flight fold again from the journal, a query each, in bursts).
/// A state that <c>settled</c> calls done is not kept at all: such an entity rarely has another event (a re-run, a
/// delete), and keeping it would hold thousands of finished states alive for nothing.
/// </remarks>
internal sealed class JournalFold<TEvent, TState>(
    IReadJournal events, string persistencePrefix, Func<TState?, TEvent, TState> apply, Func<TState, bool>? settled = null, int remembered = 20_000)
    where TEvent : class
    where TState : class
{
    private readonly int _generation = Math.Max(1, remembered / 2);
    private Dictionary<string, (long SequenceNr, TState State)> _young = new(StringComparer.Ordinal);
    private Dictionary<string, (long SequenceNr, TState State)> _old = new(StringComparer.Ordinal);

    /// <summary>How many times an entity's state was folded again from the journal (for tests and diagnostics).</summary>
    public long Refolds { get; private set; }

    /// <summary>The entity's state after <paramref name="envelope"/>'s event; null when the event is not one of these entities'.</summary>
    public async Task<TState?> NextAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not TEvent change || !envelope.PersistenceId.StartsWith(persistencePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = envelope.PersistenceId;
        var before = Remembered(id, envelope.SequenceNr - 1, out var known)
            ? known
            : await FoldAsync(id, envelope.SequenceNr - 1, cancellationToken).ConfigureAwait(false);
        var state = apply(before, change);
        _old.Remove(id);
        if (settled is not null && settled(state))
        {
            _young.Remove(id);
            return state;
        }

        if (_young.Count >= _generation && !_young.ContainsKey(id))
        {
            (_old, _young) = (_young, _old);
            _young.Clear();
        }

        _young[id] = (envelope.SequenceNr, state);
        return state;
    }

    private bool Remembered(string persistenceId, long sequenceNr, out TState? state)
    {
        if ((_young.TryGetValue(persistenceId, out var known) || _old.TryGetValue(persistenceId, out known)) && known.SequenceNr == sequenceNr)
        {
            state = known.State;
            return true;
        }

        state = null;
        return sequenceNr < 1;
    }

    private async Task<TState?> FoldAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        Refolds++;
        TState? state = null;
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
