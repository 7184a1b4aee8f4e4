namespace Scheduler.Persistence;

/// <summary>The queries of the in-memory journal: scans of its write log, woken by every write.</summary>
public sealed partial class InMemoryJournal
{
    private List<Row> Scan(Func<Row, bool> include, long afterOrdering, int max) => Scan(include, afterOrdering, max, out _);

    // highest: the log's last ordering when the scan ran (every write is in the log once the gate is released).
    private List<Row> Scan(Func<Row, bool> include, long afterOrdering, int max, out long highest)
    {
        lock (_store.Gate)
        {
            highest = _store.Log.Count;
            var found = new List<Row>();
            // Orderings are log positions from 1, so the scan starts right after the caller's offset.
            for (var i = (int)Math.Min(afterOrdering, _store.Log.Count); i < _store.Log.Count && found.Count < max; i++)
            {
                var (entity, index) = _store.Log[i];
                var row = entity.Rows[index];
                if (include(row))
                {
                    found.Add(row);
                }
            }

            return found;
        }
    }

    private EventEnvelope ToEnvelope(Row row)
    {
        var representation = FromRow(row);
        return new EventEnvelope(row.Ordering, row.PersistenceId, row.SequenceNr, representation.Payload, row.Timestamp, row.Tags);
    }

    private sealed class Queries(InMemoryJournal journal)
        : PagedReadJournal(journal._store.Signal, TimeProvider.System, Timeout.InfiniteTimeSpan, pageSize: 100)
    {
        protected override async Task<TagPage> ReadTagPageAsync(string tag, long afterOffset, int max, CancellationToken cancellationToken)
        {
            long highest = 0;
            var events = await Read(() => journal.Scan(r => !r.Deleted && r.Tags.Contains(tag, StringComparer.Ordinal), afterOffset, max, out highest)).ConfigureAwait(false);
            return TagPage.Of(events, max, afterOffset, highest);
        }

        protected override Task<IReadOnlyList<EventEnvelope>> ReadEntityPageAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken) =>
            Read(() => journal.EntityRows(persistenceId, fromSequenceNr, toSequenceNr, max));

        protected override Task<IReadOnlyList<(long Offset, string PersistenceId)>> ReadFirstEventsPageAsync(long afterOffset, int max, CancellationToken cancellationToken)
        {
            var rows = journal.Scan(static r => r.SequenceNr == 1, afterOffset, max);
            return Task.FromResult<IReadOnlyList<(long, string)>>(rows.Select(static r => (r.Ordering, r.PersistenceId)).ToList());
        }

        private Task<IReadOnlyList<EventEnvelope>> Read(Func<List<Row>> rows)
        {
            try
            {
                return Task.FromResult<IReadOnlyList<EventEnvelope>>(rows().Select(journal.ToEnvelope).ToList());
            }
            catch (JournalCorruptedException exception)
            {
                return Task.FromException<IReadOnlyList<EventEnvelope>>(exception);
            }
        }
    }
}
