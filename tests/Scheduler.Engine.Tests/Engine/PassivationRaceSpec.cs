using Scheduler.Actors;
using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Tasks;
using Scheduler.Sharding;
using Scheduler.Sharding.Extraction;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A message the shard forwarded before it handled an entity's request to passivate reaches the old incarnation,
/// ahead of the stop message. The real shard's window is too narrow to hit on purpose, so here a stand-in shard
/// parents a real task entity (on the spec's real journal) and the spec orders the messages itself.
/// </summary>
public sealed class PassivationRaceSpec(ITestOutputHelper output)
    : EngineSpecBase(output, "scheduler.engine.passivate-finished-after = 100ms")
{
    [Fact]
    public void A_finished_task_re_run_while_it_passivates_asks_its_shard_to_start_it_again_before_it_stops()
    {
        var (shard, shardSees, dispatcher) = StartTask("race-rerun");

        // Its passivation asked for, the re-run still reaches this incarnation, which stores it.
        shard.Tell(new StandInShard.ToEntity(new TaskCommand.Rerun("race-rerun")), TestActor);
        AnswerQueued(dispatcher).TaskId.Should().Be("race-rerun");
        ExpectMsg<TaskReply.Accepted>(TimeSpan.FromSeconds(10)).Task.State.Should().Be(TaskState.Ready);

        // Without a new start the task would stay Ready with no entity: nothing would ever run it.
        shard.Tell(new StandInShard.ToEntity(EngineEntityStop.Instance));
        shardSees.ExpectMsg<StartEntity>(TimeSpan.FromSeconds(10)).Should().Be(new StartEntity("race-rerun"));
        shardSees.ExpectMsg<StandInShard.EntityStopped>(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_task_that_stored_nothing_since_it_asked_to_passivate_just_stops()
    {
        var (shard, shardSees, _) = StartTask("race-quiet");

        // A question changes nothing: the reason to leave still holds.
        shard.Tell(new StandInShard.ToEntity(new TaskCommand.Get("race-quiet")), TestActor);
        ExpectMsg<TaskReply.Accepted>(TimeSpan.FromSeconds(10)).Task.State.Should().Be(TaskState.Cancelled);

        shard.Tell(new StandInShard.ToEntity(EngineEntityStop.Instance));

        // It stops without asking to be started again. (The get re-armed its passivation timer, so it may ask to
        // passivate once more before the stop.)
        object seen;
        do
        {
            seen = shardSees.ExpectMsg<object>(TimeSpan.FromSeconds(10));
            seen.Should().NotBeOfType<StartEntity>();
        }
        while (seen is not StandInShard.EntityStopped);
    }

    [Fact]
    public void An_entity_stopped_without_having_asked_to_passivate_asks_its_shard_to_start_it_again()
    {
        // As an entity restarted after a failure while the stop was on its way, or one handed off (whose shard
        // drops the request): it cannot tell whether its state lets it leave.
        var (shard, shardSees, dispatcher) = StartEntity("race-unasked");
        shard.Tell(new StandInShard.ToEntity(new TaskCommand.Submit(Noop("race-unasked"))), TestActor);
        AnswerQueued(dispatcher);
        ExpectMsg<TaskReply.Accepted>(TimeSpan.FromSeconds(10)).Task.State.Should().Be(TaskState.Ready);

        shard.Tell(new StandInShard.ToEntity(EngineEntityStop.Instance));

        shardSees.ExpectMsg<StartEntity>(TimeSpan.FromSeconds(10)).Should().Be(new StartEntity("race-unasked"));
        shardSees.ExpectMsg<StandInShard.EntityStopped>(TimeSpan.FromSeconds(10));
    }

    // Submits a task to a fresh entity under a stand-in shard, cancels it (finished, it passivates 100 ms later) and
    // waits for its request to passivate, which the stand-in does not act on.
    private (IActorRef Shard, TestKit.TestProbe ShardSees, TestKit.TestProbe Dispatcher) StartTask(string id)
    {
        var (shard, shardSees, dispatcher) = StartEntity(id);
        shard.Tell(new StandInShard.ToEntity(new TaskCommand.Submit(Noop(id))), TestActor);
        AnswerQueued(dispatcher);
        ExpectMsg<TaskReply.Accepted>(TimeSpan.FromSeconds(10));
        shard.Tell(new StandInShard.ToEntity(new TaskCommand.Cancel(id)), TestActor);
        ExpectMsg<TaskReply.Accepted>(TimeSpan.FromSeconds(10)).Task.State.Should().Be(TaskState.Cancelled);
        dispatcher.ExpectMsg<DispatcherProtocol.Dequeue>(TimeSpan.FromSeconds(10));
        shardSees.ExpectMsg<Passivate>(TimeSpan.FromSeconds(10)).StopMessage.Should().Be(EngineEntityStop.Instance);
        return (shard, shardSees, dispatcher);
    }

    // The entity holds the change that made its task ready until its dispatcher answers: here, no worker has room.
    private static DispatcherProtocol.Enqueue AnswerQueued(TestKit.TestProbe dispatcher)
    {
        var enqueue = dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(TimeSpan.FromSeconds(10));
        enqueue.AnswerNow.Should().BeTrue();
        dispatcher.Reply(new TaskInput.Queued(enqueue.TaskId));
        return enqueue;
    }

    private (IActorRef Shard, TestKit.TestProbe ShardSees, TestKit.TestProbe Dispatcher) StartEntity(string id)
    {
        var entity = StandInShard.Start(this, id, EngineSettings.Create(Sys));
        return (entity.Shard, entity.ShardSees, entity.Dispatcher);
    }
}
