using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Actors;
using Scheduler.TestKit;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>Projections: read models that apply each event exactly once, whatever fails.</summary>
public abstract partial class SqlStoreSpec
{
    private const string CreateTally = "CREATE TABLE tally (id TEXT NOT NULL PRIMARY KEY, total BIGINT NOT NULL, events BIGINT NOT NULL)";

    private static async Task AddToTally(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await using var command = context.Command(
            "INSERT INTO tally (id, total, events) VALUES (@id, @amount, 1) ON CONFLICT (id) DO UPDATE SET total = tally.total + excluded.total, events = tally.events + 1",
            ("@id", envelope.PersistenceId),
            ("@amount", (long)((Added)envelope.Event).Amount));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqlProjectionOptions Tallying(string name = "tally") =>
        new() { Name = name, Tag = "tally", BatchSize = 7, MinBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    /// <summary>Writes <paramref name="count"/> tagged events (amount = sequence number) over three entities, and one untagged each.</summary>
    private static async Task<long> WriteTallyEventsAsync(SqlJournal journal, int from, int count)
    {
        var writes = new List<AtomicWrite>();
        for (var n = from; n < from + count; n++)
        {
            writes.Add(Tagged($"e{n % 3}", (n / 3) + 1, n, "tally"));
        }

        foreach (var write in writes)
        {
            await journal.WriteMessagesAsync([write]);
        }

        return await LastOffsetAsync(journal, "tally");
    }

    private static async Task<long> LastOffsetAsync(SqlJournal journal, string tag)
    {
        var last = 0L;
        await foreach (var envelope in journal.ReadJournal.CurrentEventsByTag(tag))
        {
            last = envelope.Offset;
        }

        return last;
    }

    private static Dictionary<string, long> Expected(int count)
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var n = 0; n < count; n++)
        {
            expected[$"e{n % 3}"] = expected.GetValueOrDefault($"e{n % 3}") + n;
            expected[$"e{n % 3}#"] = expected.GetValueOrDefault($"e{n % 3}#") + 1;
        }

        return expected;
    }

    [Fact]
    public async Task A_projection_applies_each_event_once_and_resumes_after_its_stored_offset()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var last = await WriteTallyEventsAsync(journal, 0, 30);

        await using (var first = SqlProjection.Start(journal, Tallying(), AddToTally))
        {
            await first.WaitForOffsetAsync(last).WaitAsync(Patience);
        }

        (await TalliesAsync()).Should().BeEquivalentTo(Expected(30));
        (await SqlProjection.ReadOffsetAsync(journal, "tally")).Should().Be(last);

        var applied = 0;
        await using var second = SqlProjection.Start(journal, Tallying(), (context, envelope, ct) =>
        {
            Interlocked.Increment(ref applied);
            return AddToTally(context, envelope, ct);
        });
        last = await WriteTallyEventsAsync(journal, 30, 10);
        await second.WaitForOffsetAsync(last).WaitAsync(Patience);

        applied.Should().Be(10);
        (await TalliesAsync()).Should().BeEquivalentTo(Expected(40));
    }

    [Fact]
    public async Task A_projection_of_a_rare_tag_moves_past_other_events_and_then_applies_its_own()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var last = await WriteTallyEventsAsync(journal, 0, 6);
        var highest = await WriteOthersAsync(journal, 1, 40);
        highest.Should().BeGreaterThan(last);
        var applied = 0;
        await using var projection = SqlProjection.Start(journal, Tallying(), (context, envelope, ct) =>
        {
            Interlocked.Increment(ref applied);
            return AddToTally(context, envelope, ct);
        });

        // Its offset reaches the other tag's last event, though none of those is its own: its reads start there now.
        await projection.WaitForOffsetAsync(highest).WaitAsync(Patience);
        applied.Should().Be(6);
        var stored = await SqlProjection.ReadOffsetAsync(journal, "tally");
        stored.Should().BeGreaterThanOrEqualTo(last);

        // Other events alone move it on in memory only: the stored offset waits for the next batch of its own.
        highest = await WriteOthersAsync(journal, 41, 40);
        await projection.WaitForOffsetAsync(highest).WaitAsync(Patience);
        (await SqlProjection.ReadOffsetAsync(journal, "tally")).Should().Be(stored);

        var next = await WriteTallyEventsAsync(journal, 6, 3);
        await projection.WaitForOffsetAsync(next).WaitAsync(Patience);
        applied.Should().Be(9);
        (await TalliesAsync()).Should().BeEquivalentTo(Expected(9));
        (await SqlProjection.ReadOffsetAsync(journal, "tally")).Should().BeGreaterThanOrEqualTo(next);
    }

    // Writes events tagged "other" to one entity, sequence numbers from `from`; returns the last one's offset.
    private static async Task<long> WriteOthersAsync(SqlJournal journal, int from, int count)
    {
        for (var n = from; n < from + count; n++)
        {
            await journal.WriteMessagesAsync([Tagged("other", n, n, "other")]);
        }

        return await LastOffsetAsync(journal, "other");
    }

    [Fact]
    public async Task With_a_batch_interval_the_events_written_meanwhile_are_applied_together_once_it_has_passed()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var clock = new FakeTimeProvider();
        var batches = new List<(ProjectionContext Context, int Events)>();
        var first = await WriteTallyEventsAsync(journal, 0, 1);
        await using var projection = SqlProjection.Start(journal, Tallying() with { BatchInterval = TimeSpan.FromSeconds(1) }, (context, envelope, ct) =>
        {
            lock (batches)
            {
                var at = batches.FindIndex(b => ReferenceEquals(b.Context, context));
                if (at < 0)
                {
                    batches.Add((context, 1));
                }
                else
                {
                    batches[at] = (context, batches[at].Events + 1);
                }
            }

            return AddToTally(context, envelope, ct);
        }, time: clock);

        // The first event is applied at once; the read after that short batch waits for the interval on the clock.
        await projection.WaitForOffsetAsync(first).WaitAsync(Patience);
        var last = await WriteTallyEventsAsync(journal, 1, 5);
        SpinWait.SpinUntil(() => clock.PendingTimers > 0, Patience).Should().BeTrue("the projection waits out its interval");
        projection.Offset.Should().Be(first);

        clock.Advance(TimeSpan.FromSeconds(1));
        await projection.WaitForOffsetAsync(last).WaitAsync(Patience);
        lock (batches)
        {
            batches.Select(static b => b.Events).Should().Equal(1, 5);
        }

        (await TalliesAsync()).Should().BeEquivalentTo(Expected(6));
    }

    [Fact]
    public async Task A_failing_batch_is_rolled_back_with_its_offset_and_retried()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var last = await WriteTallyEventsAsync(journal, 0, 30);
        var failures = 0;

        await using (var projection = SqlProjection.Start(journal, Tallying(), async (context, envelope, ct) =>
        {
            // The event's own row is written first, so a rollback that did not happen would show as a double count.
            await AddToTally(context, envelope, ct);
            if (((Added)envelope.Event).Amount == 12 && Interlocked.Increment(ref failures) <= 2)
            {
                throw new InvalidOperationException("read model unavailable");
            }
        }))
        {
            await projection.WaitForOffsetAsync(last).WaitAsync(Patience);
        }

        failures.Should().Be(3);
        (await TalliesAsync()).Should().BeEquivalentTo(Expected(30));
    }

    [Fact]
    public async Task Work_put_off_to_before_commit_runs_once_per_batch_in_its_transaction_and_rolls_back_with_it()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var last = await WriteTallyEventsAsync(journal, 0, 30);
        var flushes = 0;
        var gathered = new Dictionary<string, (long Total, long Events)>(StringComparer.Ordinal);

        // Each batch's events are summed per entity and written once, before the batch commits; the second flush
        // fails once after writing, so its rows must be rolled back with the batch and written again on the retry.
        await using (var projection = SqlProjection.Start(journal, Tallying(), (context, envelope, ct) =>
        {
            if (gathered.Count == 0)
            {
                context.BeforeCommit(async token =>
                {
                    foreach (var (id, (total, events)) in gathered)
                    {
                        await using var command = context.Command(
                            "INSERT INTO tally (id, total, events) VALUES (@id, @total, @events) ON CONFLICT (id) DO UPDATE SET total = tally.total + excluded.total, events = tally.events + excluded.events",
                            ("@id", id), ("@total", total), ("@events", events));
                        await command.ExecuteNonQueryAsync(token);
                    }

                    gathered.Clear();
                    if (Interlocked.Increment(ref flushes) == 2)
                    {
                        throw new InvalidOperationException("read model unavailable");
                    }
                });
            }

            var (sum, count) = gathered.GetValueOrDefault(envelope.PersistenceId);
            gathered[envelope.PersistenceId] = (sum + ((Added)envelope.Event).Amount, count + 1);
            return Task.CompletedTask;
        }))
        {
            await projection.WaitForOffsetAsync(last).WaitAsync(Patience);
        }

        (await TalliesAsync()).Should().BeEquivalentTo(Expected(30));
        flushes.Should().Be(6, "30 events in batches of 7 make 5 batches, and the failed one ran again");
    }

    [Fact]
    public async Task A_statement_batch_runs_in_order_in_the_projection_transaction_and_a_failed_statement_rolls_the_batch_back()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        var last = await WriteTallyEventsAsync(journal, 0, 30);
        var attempts = 0;

        // Each event adds two statements whose order matters (insert, then double), so a batch that reordered them
        // would give other totals. One batch of events fails once at its last statement (a duplicate key): the
        // statements before it must be rolled back with the projection's batch and run again on the retry.
        await using (var projection = SqlProjection.Start(journal, Tallying(), async (context, envelope, ct) =>
        {
            var batch = context.Batch();
            var id = envelope.PersistenceId + "@" + envelope.SequenceNr.ToString(System.Globalization.CultureInfo.InvariantCulture);
            batch.Add("INSERT INTO tally (id, total, events) VALUES (@id, @amount, 1)", ("@id", id), ("@amount", ((Added)envelope.Event).Amount));
            batch.Add("UPDATE tally SET total = total * 2 WHERE id = @id", ("@id", id));
            if (((Added)envelope.Event).Amount == 12 && Interlocked.Increment(ref attempts) == 1)
            {
                batch.Add("INSERT INTO tally (id, total, events) VALUES (@id, 0, 0)", ("@id", id));
            }

            batch.Count.Should().BeInRange(2, 3);
            await batch.ExecuteAsync(ct);
            batch.Count.Should().Be(0, "a batch forgets the statements it ran");
        }))
        {
            await projection.WaitForOffsetAsync(last).WaitAsync(Patience);
        }

        attempts.Should().Be(2, "the failed batch ran again");
        var tallies = await TalliesAsync();
        tallies.Where(t => !t.Key.EndsWith('#')).Select(t => t.Value).Order().Should().Equal(Enumerable.Range(0, 30).Select(n => 2L * n));
        tallies.Where(t => t.Key.EndsWith('#')).Should().OnlyContain(t => t.Value == 1, "each event's row was written once");
    }

    [Fact]
    public async Task Two_instances_of_one_projection_never_apply_an_event_twice()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;
        await ExecuteAsync(CreateTally);
        await using var a = SqlProjection.Start(journal, Tallying("shared"), AddToTally);
        await using var b = SqlProjection.Start(journal, Tallying("shared"), AddToTally);

        var last = await WriteTallyEventsAsync(journal, 0, 120);
        await Task.WhenAny(a.WaitForOffsetAsync(last), b.WaitForOffsetAsync(last)).WaitAsync(Patience);

        (await TalliesAsync()).Should().BeEquivalentTo(Expected(120));
    }

    [Fact]
    public async Task Invalid_projection_options_are_refused_naming_what_is_wrong()
    {
        var (journal, _) = await SqlPersistence.OpenAsync(Options(), Registry(), TimeProvider.System);
        await using var j = journal;

        var start = () => SqlProjection.Start(journal, Tallying() with { BatchSize = 0 }, AddToTally);

        start.Should().Throw<ArgumentException>().WithMessage("*batch size (0)*").Which.ParamName.Should().Be("options");
        var negative = () => SqlProjection.Start(journal, Tallying() with { BatchInterval = TimeSpan.FromSeconds(-1) }, AddToTally);
        negative.Should().Throw<ArgumentException>().WithMessage("*batch interval (-00:00:01) not negative*");
    }
}
