using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Tests.Journal;

/// <summary>
/// The journal test suite (after Akka's persistence TCK): every journal runs these unchanged. A subclass says how to
/// open a journal over its storage and how to damage one stored row.
/// </summary>
public abstract partial class JournalSpec : IAsyncLifetime
{
    public sealed record TckEvent(string Value);

    /// <summary>The same event after a field was added.</summary>
    public sealed record TckEventV2(string Value, int Weight = 1);

    public sealed record NotRegistered(string Value);

    private IJournal _journal = null!;

    /// <summary>Opens a journal over the storage of this test (the same storage on every call within a test).</summary>
    protected abstract Task<IJournal> OpenJournalAsync(SerializationRegistry serialization);

    /// <summary>The queries over <paramref name="journal"/>'s storage.</summary>
    protected abstract IReadJournal QueriesOf(IJournal journal);

    /// <summary>Overwrites the stored payload of one event with bytes that are not a valid payload.</summary>
    protected abstract Task CorruptAsync(string persistenceId, long sequenceNr);

    public virtual async Task InitializeAsync() => _journal = await OpenJournalAsync(Registry());

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static SerializationRegistry Registry()
    {
        var registry = new SerializationRegistry();
        registry.Register<TckEvent>("tck-event");
        return registry;
    }

    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    protected static PersistentRepresentation Event(string persistenceId, long sequenceNr, object? payload = null, params string[] tags) =>
        new(persistenceId, sequenceNr, payload ?? new TckEvent($"{persistenceId}-{sequenceNr}"), "writer-1", tags, At.AddSeconds(sequenceNr));

    protected static AtomicWrite Write(params PersistentRepresentation[] events) => new(events);

    private Task<IReadOnlyList<Exception?>> WriteRange(string persistenceId, long from, long to) =>
        _journal.WriteMessagesAsync([.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => Write(Event(persistenceId, n)))]);

    [Fact]
    public async Task Written_events_are_read_back_in_order_with_their_metadata()
    {
        var results = await _journal.WriteMessagesAsync([Write(Event("a", 1, null, "red")), Write(Event("a", 2))]);
        results.Should().HaveCount(2).And.OnlyContain(r => r == null);

        var events = await _journal.ReadEventsAsync("a", 1, long.MaxValue, 100);

        events.Select(e => e.SequenceNr).Should().Equal(1, 2);
        events[0].Payload.Should().Be(new TckEvent("a-1"));
        events[0].PersistenceId.Should().Be("a");
        events[0].WriterId.Should().Be("writer-1");
        events[0].Tags.Should().Equal("red");
        events[0].Timestamp.Should().Be(At.AddSeconds(1));
    }

    [Theory]
    [InlineData(1, 10, 100, 1, 10)]
    [InlineData(3, 10, 100, 3, 10)]
    [InlineData(3, 5, 100, 3, 5)]
    [InlineData(1, 10, 4, 1, 4)]
    [InlineData(5, 5, 100, 5, 5)]
    [InlineData(11, 20, 100, 0, -1)]
    [InlineData(6, 5, 100, 0, -1)]
    public async Task Reads_honour_from_to_and_max(long from, long to, int max, long first, long last)
    {
        await WriteRange("b", 1, 10);

        var events = await _journal.ReadEventsAsync("b", from, to, max);

        var expected = first == 0 ? [] : Enumerable.Range((int)first, (int)(last - first + 1)).Select(n => (long)n).ToArray();
        events.Select(e => e.SequenceNr).Should().Equal(expected);
    }

    [Theory]
    [InlineData(1, 10, 100, 3, 10)]
    [InlineData(3, 5, 100, 3, 5)]
    [InlineData(1, 10, 4, 3, 6)]
    [InlineData(11, 20, 100, 0, -1)]
    [InlineData(6, 5, 100, 0, -1)]
    public async Task The_recovery_read_gives_the_same_page_as_a_read_and_the_highest_number_after_deletes(long from, long to, int max, long first, long last)
    {
        await WriteRange("b2", 1, 10);
        await _journal.DeleteMessagesToAsync("b2", 2);
        (await _journal.ReadForRecoveryAsync("nobody", 1, long.MaxValue, 100)).Should().BeEquivalentTo(new RecoveryRead([], 0));

        var read = await _journal.ReadForRecoveryAsync("b2", from, to, max);

        var expected = first == 0 ? [] : Enumerable.Range((int)first, (int)(last - first + 1)).Select(n => (long)n).ToArray();
        read.Events.Select(e => e.SequenceNr).Should().Equal(expected);
        read.HighestSequenceNr.Should().Be(10);
    }

    /// <summary>Recovery reads of many entities at once (as when a shard starts): each gets its own page and highest number.</summary>
    [Fact]
    public async Task Concurrent_recovery_reads_of_many_entities_each_get_their_own_page_and_highest_number()
    {
        const int entities = 120;
        string Id(int i) => $"many-{i}";
        for (var i = 0; i < entities; i++)
        {
            await WriteRange(Id(i), 1, (i % 7) + 1);
            if (i % 5 == 0)
            {
                await _journal.DeleteMessagesToAsync(Id(i), 1);
            }
        }

        // Ranges vary per entity: from the start, from the middle, a page smaller than the events, none at all, and an
        // entity that never wrote; the same entity asked twice in one burst too.
        (string Id, long From, long To, int Max) Ask(int i) => (i % 4) switch
        {
            0 => (Id(i), 1, long.MaxValue, 1000),
            1 => (Id(i), 2, long.MaxValue, 2),
            2 => (Id(i % 10), 1, 3, 1000),
            _ => (i % 8 == 3 ? "never-written" : Id(i), 1, long.MaxValue, 0),
        };
        var asks = Enumerable.Range(0, entities).Select(Ask).ToList();

        var reads = await Task.WhenAll(asks.Select(a => _journal.ReadForRecoveryAsync(a.Id, a.From, a.To, a.Max)));

        for (var i = 0; i < asks.Count; i++)
        {
            var (id, from, to, max) = asks[i];
            var expected = await _journal.ReadEventsAsync(id, from, to, max);
            reads[i].Events.Select(e => (e.PersistenceId, e.SequenceNr, e.Payload)).Should().Equal(
                expected.Select(e => (e.PersistenceId, e.SequenceNr, e.Payload)), $"read {i} ({id} from {from} to {to}, at most {max})");
            reads[i].HighestSequenceNr.Should().Be(await _journal.ReadHighestSequenceNrAsync(id), $"read {i} ({id})");
        }
    }

    [Fact]
    public async Task An_atomic_write_of_several_events_and_writes_of_several_entities_are_all_stored()
    {
        await _journal.WriteMessagesAsync([Write(Event("c", 1), Event("c", 2), Event("c", 3)), Write(Event("d", 1))]);

        (await _journal.ReadEventsAsync("c", 1, long.MaxValue, 100)).Should().HaveCount(3);
        (await _journal.ReadEventsAsync("d", 1, long.MaxValue, 100)).Should().HaveCount(1);
    }

    [Fact]
    public async Task The_highest_sequence_number_is_zero_for_an_unknown_entity_and_survives_deletes()
    {
        (await _journal.ReadHighestSequenceNrAsync("nobody")).Should().Be(0);
        await WriteRange("e", 1, 5);
        await _journal.DeleteMessagesToAsync("e", 5);

        (await _journal.ReadHighestSequenceNrAsync("e")).Should().Be(5);
        (await _journal.ReadEventsAsync("e", 1, long.MaxValue, 100)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deleted_events_are_not_read_and_later_ones_are()
    {
        await WriteRange("f", 1, 6);
        await _journal.DeleteMessagesToAsync("f", 3);

        (await _journal.ReadEventsAsync("f", 1, long.MaxValue, 100)).Select(e => e.SequenceNr).Should().Equal(4, 5, 6);
    }

    [Fact]
    public async Task A_second_writer_at_a_taken_sequence_number_fails_and_stores_nothing()
    {
        await WriteRange("g", 1, 3);

        var stale = () => _journal.WriteMessagesAsync([Write(Event("g", 3, new TckEvent("stale")), Event("g", 4, new TckEvent("stale")))]);

        await stale.Should().ThrowAsync<SequenceConflictException>().WithMessage("*'g'*");
        var events = await _journal.ReadEventsAsync("g", 1, long.MaxValue, 100);
        events.Select(e => e.SequenceNr).Should().Equal(1, 2, 3);
        events.Select(e => e.Payload).Should().NotContain(new TckEvent("stale"));
    }

    [Fact]
    public async Task A_write_that_cannot_be_serialized_is_rejected_and_the_others_are_stored()
    {
        var results = await _journal.WriteMessagesAsync([
            Write(Event("h", 1)),
            Write(Event("i", 1, new NotRegistered("x"))),
            Write(Event("j", 1))]);

        results[0].Should().BeNull();
        results[1].Should().BeOfType<SerializationException>();
        results[2].Should().BeNull();
        (await _journal.ReadEventsAsync("i", 1, long.MaxValue, 100)).Should().BeEmpty();
        (await _journal.ReadEventsAsync("j", 1, long.MaxValue, 100)).Should().HaveCount(1);
    }

    [Fact]
    public async Task An_atomic_write_with_one_event_that_cannot_be_serialized_stores_none_of_its_events()
    {
        var results = await _journal.WriteMessagesAsync([
            Write(Event("whole", 1), Event("whole", 2, new NotRegistered("x")), Event("whole", 3)),
            Write(Event("after", 1))]);

        results[0].Should().BeOfType<SerializationException>();
        results[1].Should().BeNull();
        (await _journal.ReadEventsAsync("whole", 1, long.MaxValue, 100)).Should().BeEmpty();
        (await _journal.ReadEventsAsync("after", 1, long.MaxValue, 100)).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_corrupted_row_fails_the_read_naming_the_persistence_id_and_sequence_number()
    {
        await WriteRange("k", 1, 3);
        await CorruptAsync("k", 2);

        var read = () => _journal.ReadEventsAsync("k", 1, long.MaxValue, 100);

        var failure = await read.Should().ThrowAsync<JournalCorruptedException>();
        failure.Which.Message.Should().Contain("'k'").And.Contain("sequence number 2");
        failure.Which.SequenceNr.Should().Be(2);
    }

    [Fact]
    public async Task Adding_a_field_to_an_event_keeps_old_events_readable()
    {
        await WriteRange("l", 1, 2);
        var evolved = new SerializationRegistry();
        evolved.Register<TckEventV2>("tck-event");

        var journal = await OpenJournalAsync(evolved);
        var events = await journal.ReadEventsAsync("l", 1, long.MaxValue, 100);

        events.Select(e => e.Payload).Should().Equal(new TckEventV2("l-1", 1), new TckEventV2("l-2", 1));
    }
}
