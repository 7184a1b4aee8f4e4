using Scheduler.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Actors;

public sealed class PersistentActorSpec : TestKit.TestKit
{
    private readonly ControlledJournal _journal;
    private readonly InMemoryJournal _storage;

    public PersistentActorSpec(ITestOutputHelper output)
        : base(output, new TestKitOptions
        {
            Hocon = "scheduler.persistence { max-concurrent-recoveries = 4, recovery-page-size = 7 }",
            Serialization = registry =>
            {
                registry.Register<Added>("test.added");
                registry.Register<CounterSnapshot>("test.counter-snapshot");
            },
        })
    {
        _storage = new InMemoryJournal(Sys.Serialization);
        _journal = new ControlledJournal(_storage);
        Persistence.Init(Sys, _journal, new InMemorySnapshotStore(Sys.Serialization));
    }

    private IActorRef Counter(string id, TestProbe? probe = null, bool awaitRecovery = true)
    {
        var events = probe ?? CreateTestProbe();
        var counter = Sys.ActorOf(Props.Create(() => new Counter(id, events.Ref)));
        if (awaitRecovery)
        {
            events.ExpectMsg<string>(s => s.StartsWith("recovered", StringComparison.Ordinal));
        }

        return counter;
    }

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Persisted_events_are_recovered_by_the_next_incarnation_in_order_across_pages()
    {
        var counter = Counter("c1");
        for (var i = 1; i <= 20; i++)
        {
            counter.Tell(new Counter.Add(i), TestActor);
            ExpectMsg<Counter.State>().Should().Be(new Counter.State(i * (i + 1) / 2, i));
        }

        StopAndWait(counter);
        var probe = CreateTestProbe();
        var again = Counter("c1", probe, awaitRecovery: false);

        probe.ExpectMsg("recovered 210 at 20");
        again.Tell(new Counter.Add(1), TestActor);
        ExpectMsg(new Counter.State(211, 21));
    }

    [Fact]
    public void Commands_wait_while_a_Persist_is_written_and_the_handler_answers_the_original_sender()
    {
        var counter = Counter("c2");
        var gate = _journal.HoldWrites();
        var asker = CreateTestProbe();
        counter.Tell(new Counter.Add(5), asker.Ref);
        counter.Tell(new Counter.Get(), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        gate.SetResult();

        asker.ExpectMsg(new Counter.State(5, 1));
        ExpectMsg(new Counter.State(5, 1));
    }

    [Fact]
    public void PersistAsync_lets_commands_through_while_it_is_written_and_handlers_keep_their_senders()
    {
        var counter = Counter("c3");
        var gate = _journal.HoldWrites();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        counter.Tell(new Counter.AddAsync(1), first.Ref);
        counter.Tell(new Counter.AddAsync(2), second.Ref);
        counter.Tell(new Counter.Get(), TestActor);
        ExpectMsg(new Counter.State(0, 0));

        gate.SetResult();

        first.ExpectMsg(new Counter.State(1, 1));
        second.ExpectMsg(new Counter.State(3, 2));
    }

    [Fact]
    public void PersistAll_runs_the_handler_for_each_event_in_order()
    {
        var counter = Counter("c4");
        counter.Tell(new Counter.AddAll([1, 2, 3]), TestActor);
        ExpectMsg(new Counter.State(1, 1));
        ExpectMsg(new Counter.State(3, 2));
        ExpectMsg(new Counter.State(6, 3));
    }

    [Fact]
    public void A_Persist_inside_a_persist_handler_is_written_and_later_commands_wait_for_its_handler()
    {
        var counter = Counter("nested");
        counter.Tell(new Counter.AddNested(1, 2), TestActor);
        counter.Tell(new Counter.Get(), TestActor);

        ExpectMsg(new Counter.State(3, 2));
        ExpectMsg(new Counter.State(3, 2));
        StopAndWait(counter);
        var probe = CreateTestProbe();
        Counter("nested", probe, awaitRecovery: false);
        probe.ExpectMsg("recovered 3 at 2");
    }

    [Fact]
    public void A_PersistAsync_inside_a_PersistAsync_handler_is_written()
    {
        var counter = Counter("nested-async");
        counter.Tell(new Counter.AddNestedAsync(4, 5), TestActor);

        ExpectMsg(new Counter.State(9, 2));
    }

    [Fact]
    public void Defer_runs_after_the_handlers_of_what_was_persisted_before_it()
    {
        var counter = Counter("c5");
        counter.Tell(new Counter.AddThenDefer(7), TestActor);
        ExpectMsg("deferred after 7");
    }

    // Events 1, 2, 3, a snapshot at 3, then event 4 (total 16); the counter is stopped.
    private void SnapshotAtThreeThenOneMoreEvent(string id)
    {
        var probe = CreateTestProbe();
        var counter = Counter(id, probe);
        counter.Tell(new Counter.AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);
        counter.Tell(new Counter.Snap(), TestActor);
        probe.ExpectMsg("snapshot saved at 3");
        counter.Tell(new Counter.Add(10), TestActor);
        ExpectMsg(new Counter.State(16, 4));
        StopAndWait(counter);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_replays_only_later_events()
    {
        SnapshotAtThreeThenOneMoreEvent("c6");

        var again = CreateTestProbe();
        Counter("c6", again, awaitRecovery: false);

        again.ExpectMsg("snapshot at 3");
        again.ExpectMsg("recovered 16 at 4");
    }

    [Fact]
    public void Recovery_without_snapshots_replays_every_event_and_is_offered_no_snapshot()
    {
        SnapshotAtThreeThenOneMoreEvent("c6b");

        var again = CreateTestProbe();
        var second = Sys.ActorOf(Props.Create(() => new Counter("c6b", again.Ref, Recovery.WithoutSnapshots)));
        again.ExpectMsg("recovered 16 at 4");
        second.Tell(new Counter.Get(), TestActor);
        ExpectMsg(new Counter.State(16, 4));
    }

    [Fact]
    public void Deleted_events_are_not_replayed_and_sequence_numbers_go_on_after_them()
    {
        var probe = CreateTestProbe();
        var counter = Counter("c7", probe);
        counter.Tell(new Counter.AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);
        counter.Tell(new Counter.DeleteUpTo(2), TestActor);
        probe.ExpectMsg("deleted to 2");
        StopAndWait(counter);

        var again = CreateTestProbe();
        var second = Counter("c7", again, awaitRecovery: false);
        again.ExpectMsg("recovered 3 at 3");
        second.Tell(new Counter.Add(1), TestActor);
        ExpectMsg(new Counter.State(4, 4));
    }

    [Fact]
    public void A_rejected_event_is_reported_and_the_actor_goes_on()
    {
        var counter = Counter("c8");
        EventFilter.Warning("rejected").ExpectOne(() => counter.Tell(new Counter.Reject(), TestActor));
        counter.Tell(new Counter.Add(2), TestActor);
        ExpectMsg<Counter.State>().Total.Should().Be(2);
    }

    [Fact]
    public void A_failed_write_stops_the_actor_and_names_the_persistence_id_and_sequence_number()
    {
        var counter = Counter("c9");
        Watch(counter);
        _journal.FailWritesWith = new IOException("disk gone");

        EventFilter.Exception<IOException>("'c9' at sequence number 1").ExpectOne(() => counter.Tell(new Counter.Add(1), TestActor));

        ExpectTerminated(counter);
    }

    [Fact]
    public void A_stale_incarnation_fails_on_the_unique_key_and_stops()
    {
        var first = Counter("c10");
        var second = Counter("c10");
        Watch(first);
        first.Tell(new Counter.Add(1), TestActor);
        ExpectMsg(new Counter.State(1, 1));

        EventFilter.Exception<SequenceConflictException>().ExpectOne(() => second.Tell(new Counter.Add(100), TestActor));

        Watch(second);
        ExpectTerminated(second);
        first.Tell(new Counter.Get(), TestActor);
        ExpectMsg(new Counter.State(1, 1));
    }

    [Fact]
    public void A_corrupted_row_stops_recovery_with_the_persistence_id_and_sequence_number()
    {
        var counter = Counter("c11");
        counter.Tell(new Counter.AddAll([1, 2, 3]), TestActor);
        ReceiveN(3);
        StopAndWait(counter);
        _storage.CorruptForTest("c11", 2, "{broken"u8.ToArray());

        IActorRef? again = null;
        EventFilter.Exception<JournalCorruptedException>("'c11' failed at sequence number 2").ExpectOne(() => again = Counter("c11", awaitRecovery: false));

        Watch(again!);
        ExpectTerminated(again!);
    }

    [Fact]
    public void Many_actors_recovering_at_once_all_recover_with_bounded_concurrency()
    {
        const int count = 300;
        var probe = CreateTestProbe();
        for (var i = 0; i < count; i++)
        {
            var actor = Counter($"many-{i}", probe, awaitRecovery: false);
            actor.Tell(new Counter.Add(i), TestActor);
        }

        probe.ReceiveN(count, TimeSpan.FromSeconds(30));
        ReceiveN(count, TimeSpan.FromSeconds(30));

        _journal.MaxConcurrentReads.Should().BeInRange(1, 4);
    }

    [Fact]
    public void Persisting_during_recovery_is_refused()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new PersistsWhileRecovering(probe.Ref)));
        probe.ExpectMsg<string>().Should().Contain("cannot persist while it recovers");
    }

    private sealed class PersistsWhileRecovering : ReceivePersistentActor
    {
        public PersistsWhileRecovering(IActorRef probe)
        {
            Recover<RecoveryCompleted>(_ => { });
            Recover<object>(_ => { });
            Command<object>(_ => { });
            try
            {
                Persist(new Added(1), _ => { });
            }
            catch (InvalidOperationException e)
            {
                probe.Tell(e.Message, null);
            }
        }

        public override string PersistenceId => "recovering";
    }
}
