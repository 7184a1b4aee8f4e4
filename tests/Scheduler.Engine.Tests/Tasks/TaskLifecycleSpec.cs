using Scheduler.Actors;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Tasks;

public sealed class TaskLifecycleSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Theory]
    [InlineData("submit", TaskState.Ready)]
    [InlineData("submit-later", TaskState.Scheduled)]
    [InlineData("submit-later wake", TaskState.Scheduled)]
    [InlineData("submit-later later", TaskState.Ready)]
    [InlineData("submit offer", TaskState.Dispatched)]
    [InlineData("submit offer reject", TaskState.Ready)]
    [InlineData("submit offer start", TaskState.Running)]
    [InlineData("submit offer start succeed", TaskState.Succeeded)]
    [InlineData("submit offer start fail", TaskState.RetryWaiting)]
    [InlineData("submit offer start fail later", TaskState.Ready)]
    [InlineData("submit offer start fail later offer start fail later offer start fail", TaskState.Failed)]
    [InlineData("submit offer start fail later offer start fail later offer start timeout", TaskState.TimedOut)]
    [InlineData("submit offer start lost", TaskState.Ready)]
    [InlineData("submit offer lost", TaskState.Ready)]
    [InlineData("submit offer start cancelled", TaskState.Ready)]
    [InlineData("submit pause", TaskState.Paused)]
    [InlineData("submit pause resume", TaskState.Ready)]
    [InlineData("submit-later pause resume", TaskState.Scheduled)]
    [InlineData("submit-later pause later resume", TaskState.Ready)]
    [InlineData("submit offer start fail pause later resume", TaskState.Ready)]
    [InlineData("submit offer start pause", TaskState.Running)]
    [InlineData("submit offer start pause succeed", TaskState.Succeeded)]
    [InlineData("submit offer start pause fail", TaskState.Paused)]
    [InlineData("submit offer start pause fail resume", TaskState.RetryWaiting)]
    [InlineData("submit offer start pause lost", TaskState.Paused)]
    [InlineData("submit offer start pause resume succeed", TaskState.Succeeded)]
    [InlineData("submit offer start pause-cancel", TaskState.Paused)]
    [InlineData("submit offer start pause-cancel cancelled", TaskState.Paused)]
    [InlineData("submit offer start pause-cancel fail resume", TaskState.Ready)]
    [InlineData("submit offer start pause-cancel succeed", TaskState.Succeeded)]
    [InlineData("submit cancel", TaskState.Cancelled)]
    [InlineData("submit offer start cancel", TaskState.Cancelled)]
    [InlineData("submit offer start cancel succeed", TaskState.Cancelled)]
    [InlineData("submit offer start cancel fail", TaskState.Cancelled)]
    [InlineData("submit offer start succeed rerun", TaskState.Ready)]
    [InlineData("submit cancel rerun", TaskState.Ready)]
    [InlineData("submit delete", TaskState.Deleted)]
    [InlineData("submit offer start delete cancelled submit", TaskState.Ready)]
    public void Steps_lead_to_a_state(string steps, TaskState expected)
    {
        var driver = Drive(steps);

        driver.Task!.State.Should().Be(expected);
    }

    [Theory]
    [InlineData("submit offer start succeed", "pause", TaskState.Succeeded)]
    [InlineData("submit offer start succeed", "cancel", TaskState.Succeeded)]
    [InlineData("submit offer start succeed", "resume", TaskState.Succeeded)]
    [InlineData("submit", "resume", TaskState.Ready)]
    [InlineData("submit", "rerun", TaskState.Ready)]
    [InlineData("submit offer start", "rerun", TaskState.Running)]
    [InlineData("submit offer start fail later offer start fail later offer start fail", "cancel", TaskState.Failed)]
    public void A_command_that_does_not_apply_names_the_current_state(string steps, string command, TaskState current)
    {
        var driver = Drive(steps);
        var before = driver.Events.Count;

        var reply = driver.Step(command).Reply;

        reply.Should().BeOfType<TaskReply.InvalidTransition>().Which.Current.Should().Be(current);
        ((TaskReply.InvalidTransition)reply!).Message.Should().Contain(command).And.Contain(current.ToString());
        driver.Events.Should().HaveCount(before, "a refused command changes nothing");
    }

    [Theory]
    [InlineData("get")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("cancel")]
    [InlineData("delete")]
    [InlineData("rerun")]
    public void Commands_to_a_missing_or_deleted_task_are_answered_not_found(string command)
    {
        var missing = new LifecycleDriver(TestActor);
        missing.Step(command).Reply.Should().Be(new TaskReply.NotFound("t"));

        var deleted = Drive("submit delete");
        deleted.Step(command).Reply.Should().Be(new TaskReply.NotFound("t"));
    }

    [Fact]
    public void A_repeated_submit_returns_the_existing_task_unchanged()
    {
        var driver = Drive("submit offer");

        var reply = driver.Send(new TaskCommand.Submit(LifecycleDriver.Spec() with { Priority = 9 })).Reply;

        reply.Should().BeOfType<TaskReply.Accepted>().Which.Created.Should().BeFalse();
        ((TaskReply.Accepted)reply!).Task.State.Should().Be(TaskState.Dispatched);
        driver.Events.Should().HaveCount(2);
    }

    [Fact]
    public void An_invalid_submit_stores_nothing_and_names_the_fields()
    {
        var driver = new LifecycleDriver(TestActor);

        var reply = driver.Send(new TaskCommand.Submit(LifecycleDriver.Spec() with { Priority = 11, Type = "" })).Reply;

        reply.Should().BeOfType<TaskReply.Invalid>().Which.Errors.Select(e => e.Field).Should().BeEquivalentTo("type", "priority");
        driver.Task.Should().BeNull();
        driver.Send(new TaskCommand.Submit(new TaskSpec { Type = "noop" })).Reply
            .Should().BeOfType<TaskReply.Invalid>().Which.Errors.Single().Field.Should().Be("id");
    }

    [Theory]
    [InlineData("succeed", typeof(TaskEvent.AttemptSucceeded), TaskState.Succeeded)]
    [InlineData("fail", typeof(TaskEvent.AttemptFailed), TaskState.RetryWaiting)]
    [InlineData("timeout", typeof(TaskEvent.AttemptFailed), TaskState.RetryWaiting)]
    public void An_end_reported_before_the_start_stores_the_start_with_it(string end, Type stored, TaskState state)
    {
        var driver = Drive("submit offer");
        var before = driver.Events.Count;

        var decision = driver.Step(end);

        decision.Events.Select(e => e.GetType()).Should().Equal(typeof(TaskEvent.AttemptStarted), stored);
        decision.Events[0].At.Should().Be(decision.Events[1].At, "one decision, stored in one write");
        decision.Reply.Should().Be(new AttemptReportAck("t", 1));
        driver.Events.Should().HaveCount(before + 2);
        driver.Task!.StartedAt.Should().NotBeNull();
        driver.Task.State.Should().Be(state);
    }

    [Fact]
    public void An_end_reported_after_the_start_stores_the_end_alone()
    {
        var driver = Drive("submit offer start");

        driver.Step("succeed").Events.Should().ContainSingle().Which.Should().BeOfType<TaskEvent.AttemptSucceeded>();
    }

    [Fact]
    public void A_stale_attempt_changes_nothing_and_its_completion_is_acknowledged()
    {
        var driver = Drive("submit offer start lost offer");
        driver.Task!.Active!.Number.Should().Be(2);
        var before = driver.Events.Count;

        driver.Send(new AttemptReport.Started("t", 1)).Should().Be(TaskDecision.None);
        driver.Send(new AttemptReport.Completed("t", 1, new AttemptOutcome.Succeeded(null))).Reply
            .Should().Be(new AttemptReportAck("t", 1));
        driver.Send(new AttemptReport.Rejected("t", 1, "full")).Reply.Should().Be(new AttemptReportAck("t", 1));

        driver.Events.Should().HaveCount(before);
        driver.Task.State.Should().Be(TaskState.Dispatched);
    }

    [Fact]
    public void No_worker_is_taken_while_an_earlier_attempt_may_still_run()
    {
        // Cancelled, then re-run at once: the old attempt has not said it stopped, so the new run must wait for it.
        var driver = Drive("submit offer start cancel rerun");
        driver.Task!.State.Should().Be(TaskState.Ready);

        driver.Step("offer").Reply.Should().BeOfType<TaskInput.OfferAnswer>().Which.Taken.Should().BeFalse();

        driver.Step("cancelled");
        driver.Step("offer").Reply.Should().BeOfType<TaskInput.OfferAnswer>().Which.Attempt.Should().Be(2);
    }

    [Fact]
    public void Failures_wait_for_the_policy_backoff_and_then_give_up()
    {
        var driver = Drive("submit offer start fail");
        driver.Task!.DueAt.Should().Be(driver.Now + TimeSpan.FromSeconds(1));

        driver.Run("later offer start fail");
        driver.Task.DueAt.Should().Be(driver.Now + TimeSpan.FromSeconds(2));
        driver.Task.Failures.Should().Be(2);

        driver.Run("later offer start fail");
        driver.Task.State.Should().Be(TaskState.Failed);
        driver.Task.LastError.Should().Be(new TaskError("io", "disk full"));
        driver.Task.FinishedAt.Should().Be(driver.Now);
        driver.Task.Attempt.Should().Be(3);
    }

    [Fact]
    public void An_error_the_policy_does_not_retry_fails_the_task_at_once()
    {
        var driver = new LifecycleDriver(TestActor);
        driver.Send(new TaskCommand.Submit(LifecycleDriver.Spec() with { Retry = RetryPolicy.Default with { NonRetryableErrors = ["io"] } }));
        driver.Run("offer start fail");

        driver.Task!.State.Should().Be(TaskState.Failed);
        driver.Task.Failures.Should().Be(1);
    }

    [Fact]
    public void A_lost_attempt_does_not_count_as_a_failure()
    {
        var driver = Drive("submit offer start lost offer start lost offer start lost offer start");

        driver.Task!.Failures.Should().Be(0);
        driver.Task.Attempt.Should().Be(4);
        driver.Task.State.Should().Be(TaskState.Running);
    }

    [Fact]
    public void A_rerun_resets_the_failures_but_attempts_keep_counting()
    {
        var driver = Drive("submit offer start fail later offer start fail later offer start fail rerun offer");

        driver.Task!.Failures.Should().Be(0);
        driver.Task.LastError.Should().BeNull();
        driver.Task.Active!.Number.Should().Be(4);
    }

    [Fact]
    public void The_view_names_the_worker_and_node_of_the_last_attempt()
    {
        var driver = Drive("submit offer start succeed");

        var view = TaskView.Of(driver.Task!);

        view.Node.Should().Be(driver.Worker.Node.Address.ToString());
        view.Worker.Should().Be(TestActor.Path.ToString());
        view.StartedAt.Should().NotBeNull();
        view.FinishedAt.Should().NotBeNull();
    }

    [Fact]
    public void Random_inputs_keep_the_invariants()
    {
        string[] steps =
        [
            "submit", "submit-later", "get", "pause", "pause-cancel", "resume", "cancel", "delete", "rerun", "wake",
            "offer", "reject", "start", "succeed", "fail", "timeout", "cancelled", "lost", "later",
            "fan-out", "fan-out-reduce", "a-ok", "b-ok", "b-failed", "x-ok", "children-answered",
        ];
        var random = new Random(2026);
        for (var run = 0; run < 2_000; run++)
        {
            var driver = new LifecycleDriver(TestActor);
            var history = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                var step = steps[random.Next(steps.Length)];
                history.Add(step);
                var before = driver.Task;
                var input = driver.Input(step);
                var decision = driver.Send(input);
                var because = string.Join(' ', history);

                if (input is TaskCommand)
                {
                    decision.Reply.Should().BeAssignableTo<TaskReply>(because);
                }

                foreach (var dispatched in decision.Events.OfType<TaskEvent.AttemptDispatched>())
                {
                    before!.Active.Should().BeNull("a new attempt never overlaps an earlier one: " + because);
                    dispatched.Attempt.Should().BeGreaterThan(before.Attempt, because);
                }

                if (driver.Task is { } task)
                {
                    task.Attempt.Should().BeGreaterThanOrEqualTo(before?.Attempt ?? 0, because);
                    if (task.Active is not null)
                    {
                        // An attempt's outcome is what ends it; a task re-submitted over a tombstone may wait, scheduled, for
                        // the deleted task's attempt to stop.
                        new[] { TaskState.Succeeded, TaskState.Failed, TaskState.TimedOut }
                            .Should().NotContain(task.State, because);
                    }

                    if (task.State is TaskState.Dispatched or TaskState.Running)
                    {
                        task.Active.Should().NotBeNull(because);
                    }

                    if (task.State is TaskState.WaitingForChildren)
                    {
                        task.Active.Should().BeNull("a parent runs nothing while it waits: " + because);
                        task.FanOut!.AllEnded.Should().BeFalse("a parent stops waiting after its last child: " + because);
                    }

                    if (before is { State: TaskState.Succeeded or TaskState.Failed or TaskState.TimedOut } && task.State != before.State)
                    {
                        (input is TaskCommand.Rerun or TaskCommand.Delete).Should().BeTrue("only a re-run or a delete leaves a finished state: " + because);
                    }
                }
            }

            // Recovery: folding the stored events from scratch gives the same state.
            // A result collected from children is a new JSON document each time it is folded: compare it by content.
            var folded = driver.Events.Aggregate((TaskRecord?)null, TaskLifecycle.Apply);
            (folded is null ? null : folded with { Result = null }).Should().Be(driver.Task is null ? null : driver.Task with { Result = null });
            (folded?.Result?.GetRawText()).Should().Be(driver.Task?.Result?.GetRawText());
        }
    }

    private LifecycleDriver Drive(string steps) => LifecycleDriver.After(TestActor, steps);
}
