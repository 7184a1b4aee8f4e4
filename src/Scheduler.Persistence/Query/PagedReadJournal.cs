using System.Runtime.CompilerServices;

namespace Scheduler.Persistence;

/// <summary>
/// The queries of <see cref="IReadJournal"/> built from three page reads a store provides. A current query reads
/// pages until one comes back short; a live query then waits for the store's <see cref="JournalSignal"/> (raised on
/// each write this process commits, and by the store when it hears of others') or for the refresh interval, which
/// catches writers the store cannot hear, and reads on from where it stopped.
/// </summary>
internal abstract class PagedReadJournal : IReadJournal
{
    private readonly JournalSignal _signal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;

    protected PagedReadJournal(JournalSignal signal, TimeProvider time, TimeSpan refreshInterval, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _signal = signal;
        _time = time;
        _refreshInterval = refreshInterval;
        PageSize = pageSize;
    }

    /// <summary>How many rows one query reads.</summary>
    public int PageSize { get; }

    public IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByTag(tag, offset, live: false, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByTag(tag, offset, live: true, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: false, cancellationToken);

    public IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: true, cancellationToken);

    public IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default) =>
        Ids(live: false, cancellationToken);

    public IAsyncEnumerable<string> PersistenceIds(CancellationToken cancellationToken = default) =>
        Ids(live: true, cancellationToken);

    /// <summary>The version of the store's change signal, to pass to <see cref="WaitForWritesAsync"/> after a read.</summary>
    internal long SignalVersion => _signal.Version;

    /// <summary>A page of events by tag, for consumers that batch (projections).</summary>
    internal Task<TagPage> TagPageAsync(string tag, long afterOffset, int max, CancellationToken cancellationToken) =>
        ReadTagPageAsync(tag, afterOffset, max, cancellationToken);

    /// <summary>Waits until something may have been written since <paramref name="seenVersion"/>, or the refresh interval.</summary>
    internal Task WaitForWritesAsync(long seenVersion, CancellationToken cancellationToken)
    {
        OnLiveQueryStarting();
        return _signal.WaitAsync(seenVersion, _refreshInterval, _time, cancellationToken);
    }

    /// <summary>Called as a live query starts; a store may start listening for other processes' writes here.</summary>
    protected virtual void OnLiveQueryStarting()
    {
    }

    /// <summary>
    /// Up to <paramref name="max"/> undeleted events with the tag and an offset above <paramref name="afterOffset"/>,
    /// by offset, and how far the read looked (see <see cref="TagPage.Of"/>).
    /// </summary>
    protected abstract Task<TagPage> ReadTagPageAsync(string tag, long afterOffset, int max, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> undeleted events of one entity in the sequence range, by sequence number.</summary>
    protected abstract Task<IReadOnlyList<EventEnvelope>> ReadEntityPageAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> first events (sequence number 1, deleted or not) with an offset above
    /// <paramref name="afterOffset"/>, by offset: one per entity, in the order the entities began.
    /// </summary>
    protected abstract Task<IReadOnlyList<(long Offset, string PersistenceId)>> ReadFirstEventsPageAsync(long afterOffset, int max, CancellationToken cancellationToken);

    private IAsyncEnumerable<EventEnvelope> ByTag(string tag, long offset, bool live, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Pages(offset, long.MaxValue, async (after, ct) =>
        {
            var page = await ReadTagPageAsync(tag, after, PageSize, ct).ConfigureAwait(false);
            return (page.Events, page.ScannedTo);
        }, live, cancellationToken);
    }

    private IAsyncEnumerable<EventEnvelope> ByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr, bool live, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        // The cursor is the last sequence number handed out; the next page starts just after it.
        var before = Math.Max(1, fromSequenceNr) - 1;
        return Pages(before, toSequenceNr, AfterLast((after, ct) => ReadEntityPageAsync(persistenceId, after + 1, toSequenceNr, PageSize, ct), static e => e.SequenceNr),
            live, cancellationToken);
    }

    private async IAsyncEnumerable<string> Ids(bool live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = Pages(0, long.MaxValue, AfterLast((after, ct) => ReadFirstEventsPageAsync(after, PageSize, ct), static e => e.Offset), live, cancellationToken);
        await foreach (var (_, persistenceId) in pages.ConfigureAwait(false))
        {
            yield return persistenceId;
        }
    }

    // A page read whose cursor moves to its last item's position (or stays, when the page is empty).
    private static Func<long, CancellationToken, Task<(IReadOnlyList<T> Items, long Next)>> AfterLast<T>(
        Func<long, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, long> position) =>
        async (after, ct) =>
        {
            var page = await read(after, ct).ConfigureAwait(false);
            return (page, page.Count > 0 ? position(page[^1]) : after);
        };

    // A read returns its items and the cursor to read on from: the last item's position, or further when the store
    // knows nothing up to there can match (a tag page that looked past its last event).
    private async IAsyncEnumerable<T> Pages<T>(
        long cursor, long end, Func<long, CancellationToken, Task<(IReadOnlyList<T> Items, long Next)>> read, bool live,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (live)
        {
            OnLiveQueryStarting();
        }

        while (cursor < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seen = _signal.Version;
            var (page, next) = await read(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                yield return item;
            }

            cursor = Math.Max(cursor, next);
            if (page.Count >= PageSize || cursor >= end)
            {
                continue;
            }

            if (!live)
            {
                yield break;
            }

            await _signal.WaitAsync(seen, _refreshInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
