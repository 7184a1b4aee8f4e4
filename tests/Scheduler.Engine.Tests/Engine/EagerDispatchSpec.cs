using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Workers;
using Scheduler.Sharding.Extraction;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A change that makes a task ready is held until the node's dispatcher answers: a worker offered at once is taken
/// in the same write as the change, so the client hears of the task as dispatched; otherwise the task waits queued.
/// Messages that come meanwhile wait for the write. A real task entity on the spec's journal, under a stand-in
/// shard, with probes for its dispatcher and worker.
/// </summary>
public sealed class EagerDispatchSpec(ITestOutputHelper output) : EngineSpecBase(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_task_offered_a_worker_at_once_stores_its_dispatch_with_its_submit()
    {
        var entity = StandInShard.Start(this, "eager-1", EngineSettings.Create(Sys));
        var worker = CreateTestProbe("worker");
        entity.Tell(new TaskCommand.Submit(Noop("eager-1")), TestActor);

        var enqueue = entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);
        enqueue.AnswerNow.Should().BeTrue();
        entity.Dispatcher.Reply(new TaskInput.Offer("eager-1", Worker(worker)));

        var accepted = ExpectMsg<TaskReply.Accepted>(Wait);
        accepted.Created.Should().BeTrue();
        accepted.Task.State.Should().Be(TaskState.Dispatched, "the client hears of the task as stored");
        entity.Dispatcher.ExpectMsg<TaskInput.OfferAnswer>(Wait).Should().Be(new TaskInput.OfferAnswer("eager-1", 1));
        worker.ExpectMsg<WorkerProtocol.RunAttempt>(Wait).Attempt.Should().Be(1);
        (await StoredAsync("eager-1")).Should().Equal(typeof(TaskEvent.Submitted), typeof(TaskEvent.AttemptDispatched));
    }

    [Fact]
    public void Without_room_the_task_is_stored_ready_and_queued_and_messages_that_came_meanwhile_see_it_stored()
    {
        var entity = StandInShard.Start(this, "eager-queued", EngineSettings.Create(Sys));
        var worker = CreateTestProbe("worker");
        entity.Tell(new TaskCommand.Submit(Noop("eager-queued")), TestActor);
        entity.Tell(new TaskCommand.Get("eager-queued"), TestActor);

        // The get came before anything was stored; handled at once, it would find no task.
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);
        entity.Dispatcher.Reply(new TaskInput.Queued("eager-queued"));
        ExpectMsg<TaskReply.Accepted>(Wait).Should().Match<TaskReply.Accepted>(a => a.Created && a.Task.State == TaskState.Ready);
        ExpectMsg<TaskReply.Accepted>(Wait).Should().Match<TaskReply.Accepted>(a => !a.Created && a.Task.State == TaskState.Ready);

        // Queued, it takes a later offer as before, in a write of its own.
        entity.Dispatcher.Reply(new TaskInput.Offer("eager-queued", Worker(worker)));
        entity.Dispatcher.ExpectMsg<TaskInput.OfferAnswer>(Wait).Should().Be(new TaskInput.OfferAnswer("eager-queued", 1));
        worker.ExpectMsg<WorkerProtocol.RunAttempt>(Wait).Attempt.Should().Be(1);
    }

    [Fact]
    public void Without_an_answer_the_change_is_stored_after_the_resend_interval_and_a_late_answer_changes_nothing()
    {
        var entity = StandInShard.Start(this, "eager-silent", EngineSettings.Create(Sys));
        entity.Tell(new TaskCommand.Submit(Noop("eager-silent")), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);

        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Ready);
        entity.Dispatcher.Reply(new TaskInput.Queued("eager-silent"));
        entity.Tell(new TaskCommand.Get("eager-silent"), TestActor);
        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Ready);
        entity.Dispatcher.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_resumed_task_is_offered_a_worker_in_the_write_that_resumes_it()
    {
        var entity = StandInShard.Start(this, "eager-resume", EngineSettings.Create(Sys));
        var worker = CreateTestProbe("worker");
        entity.Tell(new TaskCommand.Submit(Noop("eager-resume")), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);
        entity.Dispatcher.Reply(new TaskInput.Queued("eager-resume"));
        ExpectMsg<TaskReply.Accepted>(Wait);
        entity.Tell(new TaskCommand.Pause("eager-resume"), TestActor);
        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Paused);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Dequeue>(Wait);

        entity.Tell(new TaskCommand.Resume("eager-resume"), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait).AnswerNow.Should().BeTrue();
        entity.Dispatcher.Reply(new TaskInput.Offer("eager-resume", Worker(worker)));
        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Dispatched);
        worker.ExpectMsg<WorkerProtocol.RunAttempt>(Wait).Attempt.Should().Be(1);
    }

    [Fact]
    public void A_stop_that_comes_while_the_dispatcher_is_asked_waits_until_the_change_is_stored()
    {
        var entity = StandInShard.Start(this, "eager-stop", EngineSettings.Create(Sys));
        entity.Tell(new TaskCommand.Submit(Noop("eager-stop")), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);
        entity.Tell(EngineEntityStop.Instance, TestActor);

        // The answer goes the stop's way, so it comes after it.
        entity.Tell(new TaskInput.Queued("eager-stop"), entity.Dispatcher.Ref);
        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Ready);

        // It stored the submit, so it asks to be started again; leaving, it takes the task out of the queue.
        entity.ShardSees.ExpectMsg<StartEntity>(Wait).Should().Be(new StartEntity("eager-stop"));
        entity.ShardSees.ExpectMsg<StandInShard.EntityStopped>(Wait);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Dequeue>(Wait).TaskId.Should().Be("eager-stop");
    }

    [Fact]
    public void An_entity_stopped_while_it_holds_a_new_submit_takes_the_task_out_of_the_queue()
    {
        var entity = StandInShard.Start(this, "eager-cut", EngineSettings.Create(Sys));
        entity.Tell(new TaskCommand.Submit(Noop("eager-cut")), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);

        // Nothing is stored yet, but the dispatcher may hold the task in its queue: leaving, the entity takes it out.
        entity.Shard.Tell(new StandInShard.StopEntity(), TestActor);
        entity.ShardSees.ExpectMsg<StandInShard.EntityStopped>(Wait);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Dequeue>(Wait).TaskId.Should().Be("eager-cut");
    }

    private WorkerRef Worker(TestKit.TestProbe worker) => new(worker.Ref, Cluster.Cluster.Get(Sys).SelfUniqueAddress);

    private async Task<IReadOnlyList<Type>> StoredAsync(string id) =>
        [.. (await Persistence.Persistence.Get(Sys).Journal.ReadEventsAsync("task-" + id, 1, long.MaxValue, int.MaxValue)).Select(e => e.Payload.GetType())];
}
