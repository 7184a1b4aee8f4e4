using System.Runtime.CompilerServices;
using Scheduler.Engine.ReadModel;
using Scheduler.Persistence;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>
/// The projection's fold: the state it gives after each event is the fold of the entity's events so far, whatever it
/// remembers; and it remembers what it should, so that entities in flight are not folded again from the journal.
/// </summary>
public sealed class JournalFoldSpec
{
    [Fact]
    public async Task Every_state_is_the_fold_of_the_entitys_events_so_far_whatever_is_remembered()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var journal = new ListJournal();
            var fold = new JournalFold<Counted, Count>(journal, "e-", Count.Apply, settled: count => count.Ended, remembered: random.Next(1, 9));
            var written = new Dictionary<string, List<Counted>>(StringComparer.Ordinal);
            for (var i = 0; i < 300; i++)
            {
                var id = "e-" + random.Next(12);
                var events = written.TryGetValue(id, out var list) ? list : written[id] = [];
                var change = new Counted(random.Next(100), End: random.Next(6) == 0);
                events.Add(change);
                var state = await fold.NextAsync(journal.Append(id, change), CancellationToken.None);

                state.Should().Be(events.Aggregate((Count?)null, Count.Apply), $"seed {seed}, event {i} of {id}");
            }
        }
    }

    [Fact]
    public async Task Entities_in_flight_are_not_folded_again_when_many_others_pass()
    {
        var journal = new ListJournal();
        var fold = new JournalFold<Counted, Count>(journal, "e-", Count.Apply, remembered: 100);
        await fold.NextAsync(journal.Append("e-long", new Counted(1, End: false)), CancellationToken.None);
        for (var i = 0; i < 1_000; i++)
        {
            // Others come and go, each with two events; the long-lived one has an event every 40 of theirs.
            var id = "e-short-" + i;
            await fold.NextAsync(journal.Append(id, new Counted(1, End: false)), CancellationToken.None);
            await fold.NextAsync(journal.Append(id, new Counted(1, End: false)), CancellationToken.None);
            if (i % 40 == 39)
            {
                await fold.NextAsync(journal.Append("e-long", new Counted(1, End: false)), CancellationToken.None);
            }
        }

        fold.Refolds.Should().Be(0, "an entity seen within the last generation is remembered");
    }

    [Fact]
    public async Task A_settled_state_is_forgotten_and_folded_again_only_if_another_event_comes()
    {
        var journal = new ListJournal();
        var fold = new JournalFold<Counted, Count>(journal, "e-", Count.Apply, settled: count => count.Ended);
        await fold.NextAsync(journal.Append("e-1", new Counted(2, End: false)), CancellationToken.None);
        (await fold.NextAsync(journal.Append("e-1", new Counted(3, End: true)), CancellationToken.None))!.Ended.Should().BeTrue();
        fold.Refolds.Should().Be(0);

        var again = await fold.NextAsync(journal.Append("e-1", new Counted(4, End: false)), CancellationToken.None);

        again.Should().Be(new Count(Sum: 9, Events: 3, Ended: false));
        fold.Refolds.Should().Be(1, "the settled state was not kept");
        journal.Reads.Should().Be(1);
    }

    [Fact]
    public async Task Events_delivered_again_after_a_rolled_back_batch_are_folded_from_the_journal_not_from_memory()
    {
        var journal = new ListJournal();
        var fold = new JournalFold<Counted, Count>(journal, "e-", Count.Apply);
        var first = journal.Append("e-1", new Counted(1, End: false));
        var second = journal.Append("e-1", new Counted(10, End: false));
        var third = journal.Append("e-1", new Counted(100, End: false));
        foreach (var envelope in new[] { first, second, third })
        {
            await fold.NextAsync(envelope, CancellationToken.None);
        }

        // The projection's batch with the second and third events was rolled back: they come again.
        (await fold.NextAsync(second, CancellationToken.None)).Should().Be(new Count(Sum: 11, Events: 2, Ended: false));
        (await fold.NextAsync(third, CancellationToken.None)).Should().Be(new Count(Sum: 111, Events: 3, Ended: false));
        fold.Refolds.Should().Be(1, "only the first event again needed the journal; the next one follows it in memory");
    }

    [Fact]
    public async Task Events_of_other_entities_or_types_give_no_state()
    {
        var journal = new ListJournal();
        var fold = new JournalFold<Counted, Count>(journal, "e-", Count.Apply);

        (await fold.NextAsync(journal.Append("other-1", new Counted(1, End: false)), CancellationToken.None)).Should().BeNull();
        (await fold.NextAsync(new EventEnvelope(1, "e-1", 1, "not an event", DateTimeOffset.UnixEpoch, []), CancellationToken.None)).Should().BeNull();
    }

    private sealed record Counted(int Amount, bool End);

    private sealed record Count(int Sum, int Events, bool Ended)
    {
        public static Count Apply(Count? count, Counted change) =>
            new((count?.Sum ?? 0) + change.Amount, (count?.Events ?? 0) + 1, change.End);
    }

    /// <summary>A journal's read side over a list: just enough to fold one entity again, counting how often it does.</summary>
    private sealed class ListJournal : IReadJournal
    {
        private readonly List<EventEnvelope> _events = [];
        private readonly Dictionary<string, long> _sequenceNrs = new(StringComparer.Ordinal);

        public int Reads { get; private set; }

        public EventEnvelope Append(string persistenceId, object change)
        {
            var sequenceNr = _sequenceNrs[persistenceId] = _sequenceNrs.GetValueOrDefault(persistenceId) + 1;
            var envelope = new EventEnvelope(_events.Count + 1, persistenceId, sequenceNr, change, DateTimeOffset.UnixEpoch, []);
            _events.Add(envelope);
            return envelope;
        }

        public async IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(
            string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Reads++;
            await Task.Yield();
            foreach (var envelope in _events.Where(e => e.PersistenceId == persistenceId && e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr))
            {
                yield return envelope;
            }
        }

        public IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<string> PersistenceIds(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
