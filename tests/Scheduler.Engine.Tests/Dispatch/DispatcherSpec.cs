using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Workers;
using Scheduler.Remote;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Dispatch;

/// <summary>
/// How a dispatcher counts what it promised a worker: an open offer, and a taken one the worker's status does not
/// show yet, count against the worker's free room; a declined offer gives the room back; an offer unanswered for
/// longer than the resend interval stops counting. A probe plays the task entities and the spec writes the worker's
/// statuses; the clock is fake.
/// </summary>
public sealed class DispatcherSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Hocon = "scheduler.remote.port = 0",
    Setup = static setup => setup.WithRemoting(),
    UseFakeTime = true,
})
{
    private static readonly TimeSpan Resend = TimeSpan.FromSeconds(2);

    private string Node => Cluster.Cluster.Get(Sys).SelfAddress.ToString();

    [Fact]
    public void Open_offers_count_against_the_worker_until_answered_and_a_declined_one_gives_its_room_back()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 1, free: 2), TestActor);
        Enqueue(dispatcher, entities, "a", "b", "c");
        Offered(entities).Should().Be("a");
        Offered(entities).Should().Be("b");
        entities.ExpectNoMsg(TimeSpan.Zero);

        // The worker has not heard of either offer: its status still shows two free slots, and both still count.
        dispatcher.Tell(Status(worker, version: 2, free: 2), TestActor);
        AssertNothingOffered(dispatcher, entities);

        dispatcher.Tell(new TaskInput.OfferAnswer("a", 0), entities.Ref);
        Offered(entities).Should().Be("c");
    }

    [Fact]
    public void A_taken_offer_counts_until_the_worker_reports_the_attempt_seen()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 1, free: 1), TestActor);
        Enqueue(dispatcher, entities, "a", "b");
        Offered(entities).Should().Be("a");
        dispatcher.Tell(new TaskInput.OfferAnswer("a", 1), entities.Ref);

        // The attempt is on its way to the worker, which still reports one free slot.
        dispatcher.Tell(Status(worker, version: 2, free: 1), TestActor);
        AssertNothingOffered(dispatcher, entities);

        // It saw the attempt (its slot is taken) and then finished it: the free slot is real now.
        dispatcher.Tell(Status(worker, version: 3, free: 1, seen: 1), TestActor);
        Offered(entities).Should().Be("b");
    }

    [Fact]
    public void An_offer_unanswered_past_the_resend_interval_stops_counting_and_a_stale_status_is_ignored()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 5, free: 1), TestActor);
        Enqueue(dispatcher, entities, "lost", "next");
        Offered(entities).Should().Be("lost");

        // The entity that got the offer is gone. Until the resend interval has passed, its offer still counts.
        FakeTime!.Advance(Resend);
        dispatcher.Tell(Status(worker, version: 6, free: 1), TestActor);
        AssertNothingOffered(dispatcher, entities);

        FakeTime.Advance(TimeSpan.FromMilliseconds(1));
        dispatcher.Tell(Status(worker, version: 4, free: 1), TestActor);
        AssertNothingOffered(dispatcher, entities);
        dispatcher.Tell(Status(worker, version: 7, free: 1), TestActor);
        Offered(entities).Should().Be("next");

        // A late answer to the expired offer changes nothing.
        dispatcher.Tell(new TaskInput.OfferAnswer("lost", 0), entities.Ref);
        AssertNothingOffered(dispatcher, entities);
        Load(dispatcher).FreeSlots.Should().Be(0);
    }

    [Fact]
    public void Many_offers_to_one_worker_are_counted_one_by_one()
    {
        var (dispatcher, worker, entities) = Start();
        var ids = Enumerable.Range(0, 50).Select(i => $"t{i}").ToArray();
        dispatcher.Tell(Status(worker, version: 1, free: 40), TestActor);
        Enqueue(dispatcher, entities, ids);
        var offered = Enumerable.Range(0, 40).Select(_ => Offered(entities)).ToList();
        offered.Should().Equal(ids[..40]);

        // Half are declined, half taken; the worker has seen ten of the taken ones.
        foreach (var (id, i) in offered.Select((id, i) => (id, i)))
        {
            dispatcher.Tell(new TaskInput.OfferAnswer(id, i % 2 == 0 ? 0 : 1), entities.Ref);
        }

        var more = Enumerable.Range(0, 10).Select(_ => Offered(entities)).ToList();
        more.Should().Equal(ids[40..]);
        dispatcher.Tell(Status(worker, version: 2, free: 30, seen: 10), TestActor);
        AssertNothingOffered(dispatcher, entities);

        // 30 free, less 10 taken but unseen, less the 10 new open offers.
        Load(dispatcher).FreeSlots.Should().Be(10);
    }

    [Fact]
    public void A_declined_offer_to_a_worker_removed_and_seen_again_does_not_free_room_in_its_new_record()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 1, free: 1), TestActor);
        Enqueue(dispatcher, entities, "a", "b");
        Offered(entities).Should().Be("a");

        // The worker's node is removed, then a late status of it arrives: a new record, from that status alone.
        dispatcher.Tell(new ClusterEvent.MemberRemoved(new Member(worker.Node, MemberStatus.Removed, ImmutableHashSet<string>.Empty, 1), MemberStatus.Down), TestActor);
        dispatcher.Tell(Status(worker, version: 2, free: 1), TestActor);
        Offered(entities).Should().Be("b");

        // The old offer is declined: its room was never counted in the new record, so none comes back.
        dispatcher.Tell(new TaskInput.OfferAnswer("a", 0), entities.Ref);
        Load(dispatcher).FreeSlots.Should().Be(0);
    }

    [Fact]
    public void An_enqueue_that_asks_for_an_answer_gets_an_offer_when_a_worker_has_room_and_else_hears_it_is_queued()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 1, free: 1), TestActor);
        dispatcher.Tell(new DispatcherProtocol.Enqueue("a", 5, DateTimeOffset.UnixEpoch, PlacementSpec.Default, AnswerNow: true), entities.Ref);
        Offered(entities).Should().Be("a");
        AssertNothingOffered(dispatcher, entities);

        dispatcher.Tell(new DispatcherProtocol.Enqueue("b", 5, DateTimeOffset.UnixEpoch, PlacementSpec.Default, AnswerNow: true), entities.Ref);
        entities.ExpectMsg<TaskInput.Queued>(TimeSpan.FromSeconds(5)).TaskId.Should().Be("b");

        // Queued, it is offered the room a declined offer gives back.
        dispatcher.Tell(new TaskInput.OfferAnswer("a", 0), entities.Ref);
        Offered(entities).Should().Be("b");
    }

    [Fact]
    public void A_task_enqueued_again_while_an_offer_to_it_is_open_waits_for_that_offer_to_be_answered()
    {
        var (dispatcher, worker, entities) = Start();
        dispatcher.Tell(Status(worker, version: 1, free: 3), TestActor);
        Enqueue(dispatcher, entities, "a");
        Offered(entities).Should().Be("a");

        // Paused and resumed before the offer reached it: the entity may still take that offer, so none is made twice.
        dispatcher.Tell(new DispatcherProtocol.Dequeue("a"), entities.Ref);
        dispatcher.Tell(new DispatcherProtocol.Enqueue("a", 5, DateTimeOffset.UnixEpoch, PlacementSpec.Default, AnswerNow: true), entities.Ref);
        entities.ExpectMsg<TaskInput.Queued>(TimeSpan.FromSeconds(5)).TaskId.Should().Be("a");
        AssertNothingOffered(dispatcher, entities);

        // Declined, the offer gives its room back and the waiting enqueue is offered.
        dispatcher.Tell(new TaskInput.OfferAnswer("a", 0), entities.Ref);
        Offered(entities).Should().Be("a");

        // Taken, with the task enqueued again meanwhile: the stale enqueue is dropped, and the room counted once.
        Enqueue(dispatcher, entities, "a");
        dispatcher.Tell(new TaskInput.OfferAnswer("a", 1), entities.Ref);
        AssertNothingOffered(dispatcher, entities);
        Load(dispatcher).FreeSlots.Should().Be(2);
    }

    private (IActorRef Dispatcher, WorkerRef Worker, TestProbe Entities) Start()
    {
        var dispatcher = Sys.ActorOf(Dispatcher.Props(EngineSettings.Create(Sys) with { ResendInterval = Resend }), "dispatcher");
        var worker = new WorkerRef(CreateTestProbe("worker").Ref, Cluster.Cluster.Get(Sys).SelfUniqueAddress);
        return (dispatcher, worker, CreateTestProbe("entities"));
    }

    private WorkerProtocol.Status Status(WorkerRef worker, long version, int free, long seen = 0) =>
        new(worker, version, 100, free, 0, 0, 0, 0, [], [], new Dictionary<string, long>(StringComparer.Ordinal) { [Node] = seen });

    private static void Enqueue(IActorRef dispatcher, TestProbe entities, params string[] ids)
    {
        foreach (var id in ids)
        {
            dispatcher.Tell(new DispatcherProtocol.Enqueue(id, 5, DateTimeOffset.UnixEpoch, PlacementSpec.Default), entities.Ref);
        }
    }

    private static string Offered(TestProbe entities) => entities.ExpectMsg<TaskInput.Offer>(TimeSpan.FromSeconds(5)).TaskId;

    // The dispatcher answers in order: once its state comes back, everything it would offer has been sent.
    private void AssertNothingOffered(IActorRef dispatcher, TestProbe entities)
    {
        Load(dispatcher);
        entities.ExpectNoMsg(TimeSpan.Zero);
    }

    private WorkerLoad Load(IActorRef dispatcher)
    {
        dispatcher.Tell(GetDispatcherState.Instance, TestActor);
        return ExpectMsg<DispatcherState>(TimeSpan.FromSeconds(5)).Workers.Should().ContainSingle().Subject;
    }
}
