using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Tasks;

/// <summary>The fan-out rules of <see cref="TaskLifecycle"/>: a parent waits for its children, then finishes or reduces.</summary>
public sealed class FanOutLifecycleSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Theory]
    [InlineData("submit offer start fan-out", TaskState.WaitingForChildren)]
    [InlineData("submit offer start fan-out a-ok", TaskState.WaitingForChildren)]
    [InlineData("submit offer start fan-out a-ok a-ok", TaskState.WaitingForChildren)]
    [InlineData("submit offer start fan-out a-ok x-ok", TaskState.WaitingForChildren)]
    [InlineData("submit offer start fan-out a-ok b-ok", TaskState.Succeeded)]
    [InlineData("submit offer start fan-out b-ok a-ok", TaskState.Succeeded)]
    [InlineData("submit offer start fan-out b-failed a-ok", TaskState.Failed)]
    [InlineData("submit offer start fan-out-reduce a-ok b-ok", TaskState.Ready)]
    [InlineData("submit offer start fan-out-reduce a-ok b-ok offer start succeed", TaskState.Succeeded)]
    [InlineData("submit offer start fan-out-reduce a-ok b-failed", TaskState.Failed)]
    [InlineData("submit offer start fan-out cancel", TaskState.Cancelled)]
    [InlineData("submit offer start fan-out cancel a-ok b-ok", TaskState.Cancelled)]
    [InlineData("submit offer start fan-out delete", TaskState.Deleted)]
    [InlineData("submit offer start cancel fan-out", TaskState.Cancelled)]
    [InlineData("submit offer start pause fan-out", TaskState.WaitingForChildren)]
    [InlineData("submit offer start fan-out b-failed a-ok rerun", TaskState.Ready)]
    public void Steps_lead_to_a_state(string steps, TaskState expected)
    {
        var driver = Drive(steps);

        driver.Task!.State.Should().Be(expected);
    }

    [Fact]
    public void Children_get_ids_under_the_parent_and_the_parent_as_their_parent()
    {
        var driver = Drive("submit offer start fan-out");

        var fanOut = driver.Task!.FanOut!;
        fanOut.Children.Select(child => child.Id).Should().Equal("t:a", "t:b");
        fanOut.Children.Should().OnlyContain(child => child.ParentId == "t");
        driver.Task.Active.Should().BeNull("the attempt that fanned out is over");
        driver.Events.Last().Should().BeOfType<TaskEvent.AttemptFannedOut>();
    }

    [Fact]
    public void A_parent_succeeds_with_its_childrens_results_by_key_in_fan_out_order()
    {
        var driver = Drive("submit offer start fan-out b-ok a-ok");

        driver.Task!.Result!.Value.GetRawText().Should().Be("""{"a":"a","b":"b"}""");
        driver.Task.FinishedAt.Should().Be(driver.Now);
    }

    [Fact]
    public void A_failed_child_fails_the_parent_for_good_naming_the_child()
    {
        var driver = Drive("submit offer start fan-out b-failed a-ok");

        driver.Task!.LastError!.Kind.Should().Be(ErrorKinds.ChildFailed);
        driver.Task.LastError.Message.Should().Be("1 of 2 children did not succeed; the first, 't:b', ended Failed (io: disk full)");
        driver.Step("later").Events.Should().BeEmpty("a parent whose child failed is not retried");
    }

    [Fact]
    public void Every_childs_end_is_acknowledged_but_only_a_waited_for_end_is_stored()
    {
        var driver = Drive("submit offer start fan-out a-ok");

        foreach (var step in new[] { "a-ok", "x-ok" })
        {
            var decision = driver.Step(step);
            decision.Events.Should().BeEmpty(step + " is not waited for");
            decision.Reply.Should().BeOfType<TaskInput.ChildEndedAck>();
        }

        var late = Drive("submit offer start fan-out cancel");
        late.Step("a-ok").Should().BeEquivalentTo(new { Events = Array.Empty<TaskEvent>(), Reply = new TaskInput.ChildEndedAck("t", "t:a") });
        new LifecycleDriver(TestActor).Send(LifecycleDriver.ChildEnded("nobody", "a", TaskState.Succeeded)).Reply
            .Should().Be(new TaskInput.ChildEndedAck("nobody", "nobody:a"), "a child of a task that does not exist must stop telling too");
    }

    [Fact]
    public void The_reduce_attempt_is_a_new_attempt_and_its_return_is_the_result()
    {
        var driver = Drive("submit offer start fan-out-reduce a-ok b-ok offer");

        driver.Task!.Attempt.Should().Be(2);
        driver.Task.FanOut!.Results.Select(child => child.TaskId).Should().Equal("t:a", "t:b");
        driver.Send(new AttemptReport.Completed("t", 2, new AttemptOutcome.Succeeded(JsonSerializer.SerializeToElement(13))));
        driver.Task.Result!.Value.GetInt32().Should().Be(13);
    }

    [Fact]
    public void A_fan_out_with_no_children_finishes_at_once()
    {
        var driver = Drive("submit offer start");

        driver.Send(new AttemptReport.Completed("t", 1, new AttemptOutcome.FannedOut([], Reduce: false)));

        driver.Task!.State.Should().Be(TaskState.Succeeded);
        driver.Task.Result!.Value.GetRawText().Should().Be("{}");
    }

    [Fact]
    public void A_fan_out_the_engine_cannot_take_fails_the_attempt_for_good_and_stores_no_child()
    {
        var driver = Drive("submit offer start");
        TaskSpec[] children = [new() { Id = "a", Type = "square" }, new() { Id = "a", Type = "square" }, new() { Type = "" }];

        driver.Send(new AttemptReport.Completed("t", 1, new AttemptOutcome.FannedOut(children, Reduce: false)));

        driver.Task!.State.Should().Be(TaskState.Failed);
        driver.Task.FanOut.Should().BeNull();
        driver.Task.LastError!.Kind.Should().Be(ErrorKinds.InvalidFanOut);
        driver.Task.LastError.Message.Should().Contain("children[1].id").And.Contain("children[2].type: is required");
    }

    [Fact]
    public void A_result_that_would_take_the_collected_results_past_the_limit_fails_that_child()
    {
        var driver = Drive("submit offer start fan-out a-ok");
        driver.Limits = TaskLimits.Default with { MaxCollectedBytes = 5 };

        driver.Step("b-ok");

        driver.Task!.FanOut!.Ended["t:b"].Should().BeEquivalentTo(new { State = TaskState.Failed, Result = (JsonElement?)null });
        driver.Task.State.Should().Be(TaskState.Failed);
        driver.Task.LastError!.Message.Should().Contain("'t:b', ended Failed (result-too-large: its result would bring the children's results to 6 bytes, more than the limit of 5)");
    }

    [Fact]
    public void A_parents_submit_meets_a_deleted_childs_tombstone_instead_of_creating_it_again()
    {
        var child = LifecycleDriver.After(TestActor, "submit delete");
        var spec = LifecycleDriver.Spec();

        child.Send(new TaskCommand.Submit(spec, ByParent: true)).Reply.Should().BeOfType<TaskReply.Accepted>()
            .Which.Should().BeEquivalentTo(new { Created = false, Task = new { State = TaskState.Deleted } });
        child.Send(new TaskCommand.Submit(spec)).Reply.Should().BeOfType<TaskReply.Accepted>()
            .Which.Task.State.Should().Be(TaskState.Ready, "a client's submit over a tombstone creates the task again");
    }

    [Fact]
    public void A_waiting_parent_cannot_be_paused_or_resumed()
    {
        var driver = Drive("submit offer start fan-out");

        foreach (var command in new[] { "pause", "resume" })
        {
            driver.Step(command).Reply.Should().BeOfType<TaskReply.InvalidTransition>()
                .Which.Current.Should().Be(TaskState.WaitingForChildren);
        }
    }

    [Fact]
    public void A_rerun_forgets_the_fan_out_so_the_next_attempt_starts_afresh()
    {
        var driver = Drive("submit offer start fan-out b-failed a-ok rerun");

        driver.Task!.FanOut.Should().BeNull();
        driver.Task.LastError.Should().BeNull();
    }

    [Theory]
    [InlineData("submit offer start fan-out", typeof(TaskEvent.ChildrenSubmitted))]
    [InlineData("submit offer start fan-out a-ok", typeof(TaskEvent.ChildrenSubmitted))]
    [InlineData("submit offer start fan-out cancel", typeof(TaskEvent.ChildrenCancelled))]
    [InlineData("submit offer start fan-out delete", typeof(TaskEvent.ChildrenCancelled))]
    [InlineData("submit offer start fan-out children-answered cancel", typeof(TaskEvent.ChildrenCancelled))]
    public void That_every_child_answered_a_phase_is_stored_once_without_touching_the_update_time(string steps, Type expected)
    {
        var driver = Drive(steps);
        var updated = driver.Task!.UpdatedAt;

        driver.Step("children-answered").Events.Should().ContainSingle().Which.Should().BeOfType(expected);
        driver.Step("children-answered").Events.Should().BeEmpty("the note is stored once");

        driver.Task.UpdatedAt.Should().Be(updated, "the note is the parent's bookkeeping, not a change a client sees");
        var fanOut = driver.Task.FanOut!;
        (expected == typeof(TaskEvent.ChildrenSubmitted) ? fanOut.SubmitsAnswered : fanOut.CancelsAnswered).Should().BeTrue();
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("submit offer start fan-out a-ok b-ok")]
    [InlineData("submit offer start fan-out-reduce a-ok b-ok")]
    [InlineData("submit offer start fan-out b-failed a-ok rerun")]
    public void Outside_a_phase_that_every_child_answered_changes_nothing(string steps)
    {
        Drive(steps).Step("children-answered").Events.Should().BeEmpty();
    }

    [Fact]
    public void That_children_answered_an_earlier_fan_out_changes_nothing()
    {
        var driver = Drive("submit offer start fan-out");

        driver.Send(new TaskInput.ChildrenAnswered(driver.Task!.FanOut!.Attempt + 1)).Events.Should().BeEmpty();
    }

    [Fact]
    public void A_parents_cancel_of_a_child_not_yet_created_records_it_cancelled_so_a_late_submit_does_not_create_it()
    {
        var child = new LifecycleDriver(TestActor);
        var spec = ChildSpec();

        var cancel = child.Send(new TaskInput.CancelChild(spec, "its parent 't' was cancelled"));

        cancel.Events.Select(change => change.GetType()).Should().Equal(typeof(TaskEvent.Submitted), typeof(TaskEvent.Cancelled));
        cancel.Reply.Should().BeOfType<TaskReply.Accepted>().Which.Task.Should().BeEquivalentTo(new { Id = "t:a", ParentId = "t", State = TaskState.Cancelled });
        child.Send(new TaskCommand.Submit(spec, ByParent: true)).Should().BeEquivalentTo(new
        {
            Events = Array.Empty<TaskEvent>(),
            Reply = new { Created = false, Task = new { State = TaskState.Cancelled } },
        });
    }

    [Fact]
    public void A_parents_cancel_cancels_its_child_and_leaves_alone_a_task_that_is_not_its_child()
    {
        var spec = ChildSpec();
        var child = new LifecycleDriver(TestActor);
        child.Send(new TaskCommand.Submit(spec, ByParent: true));
        var stranger = new LifecycleDriver(TestActor);
        stranger.Send(new TaskCommand.Submit(spec with { ParentId = null }));
        var deleted = LifecycleDriver.After(TestActor, "submit delete");

        child.Send(new TaskInput.CancelChild(spec, "gone")).Reply.Should().BeOfType<TaskReply.Accepted>().Which.Task.State.Should().Be(TaskState.Cancelled);
        stranger.Send(new TaskInput.CancelChild(spec, "gone")).Should().BeEquivalentTo(new { Events = Array.Empty<TaskEvent>(), Reply = new TaskReply.NotFound("t:a") });
        deleted.Send(new TaskInput.CancelChild(spec with { Id = "t" }, "gone")).Reply.Should().Be(new TaskReply.NotFound("t"));
        stranger.Task!.State.Should().Be(TaskState.Ready);
    }

    private static TaskSpec ChildSpec() => LifecycleDriver.Spec("t:a") with { ParentId = "t" };

    private LifecycleDriver Drive(string steps) => LifecycleDriver.After(TestActor, steps);
}
