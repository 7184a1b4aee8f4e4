namespace Scheduler.Persistence.Tests.Journal;

/// <summary>The query half of the suite: every read journal answers these the same way.</summary>
public abstract partial class JournalSpec
{
    // Bounds how long a test waits for a live query's next element; a healthy run needs milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private IReadJournal Queries => QueriesOf(_journal);

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> query)
    {
        var all = new List<T>();
        await foreach (var item in query)
        {
            all.Add(item);
        }

        return all;
    }

    private static async Task<T> Next<T>(IAsyncEnumerator<T> live)
    {
        (await live.MoveNextAsync().AsTask().WaitAsync(Patience)).Should().BeTrue();
        return live.Current;
    }

    [Fact]
    public async Task Events_by_tag_come_in_offset_order_across_entities_and_resume_after_an_offset()
    {
        await _journal.WriteMessagesAsync([
            Write(Event("q1", 1, null, "blue")), Write(Event("q2", 1, null, "blue", "green")),
            Write(Event("q1", 2, null, "green")), Write(Event("q1", 3, null, "blue"))]);

        var blue = await All(Queries.CurrentEventsByTag("blue"));

        blue.Select(e => (e.PersistenceId, e.SequenceNr)).Should().Equal(("q1", 1L), ("q2", 1L), ("q1", 3L));
        blue.Select(e => e.Offset).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        blue[1].Event.Should().Be(new TckEvent("q2-1"));
        blue[1].Tags.Should().Equal("blue", "green");
        (await All(Queries.CurrentEventsByTag("blue", blue[0].Offset))).Select(e => e.SequenceNr).Should().Equal(1L, 3L);
        (await All(Queries.CurrentEventsByTag("blue", blue[^1].Offset))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_tag_matches_whole_tags_only_and_may_hold_wildcard_characters()
    {
        await _journal.WriteMessagesAsync([
            Write(Event("r", 1, null, "red")), Write(Event("r", 2, null, "reddish")),
            Write(Event("r", 3, null, "50%_off")), Write(Event("r", 4, null, "50xyoff"))]);

        (await All(Queries.CurrentEventsByTag("red"))).Select(e => e.SequenceNr).Should().Equal(1L);
        (await All(Queries.CurrentEventsByTag("50%_off"))).Select(e => e.SequenceNr).Should().Equal(3L);
        (await All(Queries.CurrentEventsByTag("dish"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Queries_read_past_many_pages_and_skip_deleted_events()
    {
        await _journal.WriteMessagesAsync([.. Enumerable.Range(1, 250).Select(n => Write(Event("s", n, null, "many")))]);
        await _journal.DeleteMessagesToAsync("s", 10);

        (await All(Queries.CurrentEventsByTag("many"))).Select(e => e.SequenceNr).Should().Equal(Enumerable.Range(11, 240).Select(n => (long)n));
        (await All(Queries.CurrentEventsByPersistenceId("s"))).Should().HaveCount(240);
        (await All(Queries.CurrentEventsByPersistenceId("s", 100, 104))).Select(e => e.SequenceNr).Should().Equal(100L, 101L, 102L, 103L, 104L);
    }

    [Fact]
    public async Task A_live_tag_query_yields_stored_events_then_new_ones_as_they_are_written()
    {
        await _journal.WriteMessagesAsync([Write(Event("t1", 1, null, "live"))]);
        using var stop = new CancellationTokenSource();
        await using var live = Queries.EventsByTag("live", 0, stop.Token).GetAsyncEnumerator(stop.Token);

        (await Next(live)).PersistenceId.Should().Be("t1");
        var waiting = live.MoveNextAsync().AsTask();
        await _journal.WriteMessagesAsync([Write(Event("t2", 1)), Write(Event("t2", 2, null, "live"))]);

        (await waiting.WaitAsync(Patience)).Should().BeTrue();
        (live.Current.PersistenceId, live.Current.SequenceNr).Should().Be(("t2", 2L));
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_live_query_of_one_entity_ends_at_its_last_wanted_sequence_number()
    {
        await _journal.WriteMessagesAsync([Write(Event("u", 1)), Write(Event("u", 2))]);
        var live = Queries.EventsByPersistenceId("u", 2, 3);
        var collecting = All(live);

        await _journal.WriteMessagesAsync([Write(Event("u", 3)), Write(Event("u", 4))]);

        (await collecting.WaitAsync(Patience)).Select(e => e.SequenceNr).Should().Equal(2L, 3L);
    }

    [Fact]
    public async Task Persistence_ids_come_once_each_in_the_order_entities_began_and_live_ones_follow()
    {
        await _journal.WriteMessagesAsync([Write(Event("v2", 1)), Write(Event("v1", 1)), Write(Event("v2", 2))]);

        (await All(Queries.CurrentPersistenceIds())).Should().Equal("v2", "v1");

        using var stop = new CancellationTokenSource();
        await using var live = Queries.PersistenceIds(stop.Token).GetAsyncEnumerator(stop.Token);
        (await Next(live)).Should().Be("v2");
        (await Next(live)).Should().Be("v1");
        var waiting = live.MoveNextAsync().AsTask();
        await _journal.WriteMessagesAsync([Write(Event("v1", 2)), Write(Event("v3", 1))]);
        (await waiting.WaitAsync(Patience)).Should().BeTrue();
        live.Current.Should().Be("v3");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_corrupted_row_fails_a_query_naming_the_persistence_id_and_sequence_number()
    {
        await _journal.WriteMessagesAsync([Write(Event("w", 1, null, "x")), Write(Event("w", 2, null, "x"))]);
        await CorruptAsync("w", 2);

        var read = () => All(Queries.CurrentEventsByTag("x"));

        (await read.Should().ThrowAsync<JournalCorruptedException>()).Which.Message.Should().Contain("'w'").And.Contain("sequence number 2");
    }

    [Fact]
    public async Task Bad_query_arguments_are_refused_with_the_argument_named()
    {
        var emptyTag = () => All(Queries.CurrentEventsByTag(""));
        var negativeOffset = () => All(Queries.CurrentEventsByTag("x", -1));

        (await emptyTag.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("tag");
        (await negativeOffset.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("offset");
    }
}
