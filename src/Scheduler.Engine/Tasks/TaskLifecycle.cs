using System.Globalization;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Retries;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// The task state machine, pure: <see cref="Decide"/> turns the current state and one input into events and an
/// answer; <see cref="Apply"/> folds an event into the state. The entity actor only stores events, sends answers and
/// carries out what the resulting state implies, so every rule of the lifecycle is here and tested with tables.
/// </summary>
/// <remarks>
/// The guard that keeps attempts from overlapping: a worker is taken (<see cref="TaskInput.Offer"/>) only while
/// <see cref="TaskRecord.WantsWorker"/>, which needs <see cref="TaskRecord.Active"/> to be empty; and an active attempt
/// ends only with its worker's report or the removal of the worker's node.
/// </remarks>
internal static partial class TaskLifecycle
{
    /// <summary>What to do with <paramref name="input"/> given the state <paramref name="task"/> (null: no task yet).</summary>
    public static TaskDecision Decide(TaskRecord? task, object input, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input switch
        {
            TaskCommand.Submit submit => Submit(task, submit, context),
            TaskCommand command when task is null || task.State is TaskState.Deleted => TaskDecision.Answer(new TaskReply.NotFound(command.TaskId)),
            TaskCommand.Get => TaskDecision.Answer(new TaskReply.Accepted(TaskView.Of(task!))),
            TaskCommand.Pause pause => Pause(task!, pause, context.Now),
            TaskCommand.Resume => Resume(task!, context.Now),
            TaskCommand.Cancel cancel => Cancel(task!, cancel, context.Now),
            TaskCommand.Delete => Accept(task!, new TaskEvent.Deleted(context.Now)),
            TaskCommand.Rerun => task!.IsFinished
                ? Accept(task, new TaskEvent.Rerun(context.Now))
                : Invalid(task, "rerun"),
            AttemptReport report => Report(task, report, context),
            TaskInput.Offer offer => Offer(task, offer, context.Now),
            TaskInput.Wake => task is { State: TaskState.Scheduled or TaskState.RetryWaiting } && task.DueAt <= context.Now
                ? new TaskDecision([new TaskEvent.BecameReady(context.Now)], null)
                : TaskDecision.None,
            TaskInput.ChildEnded ended => ChildEnded(task, ended, context),
            TaskInput.CancelChild cancel => CancelChild(task, cancel, context.Now),
            TaskInput.ChildrenAnswered answered => ChildrenAnswered(task, answered, context.Now),
            TaskInput.NodeRemoved removed => task?.Active is { } active && active.Worker.Node == removed.Node
                ? new TaskDecision([new TaskEvent.AttemptLost(active.Number, "node " + removed.Node.Address + " was removed", context.Now)], null)
                : TaskDecision.None,
            _ => TaskDecision.None,
        };
    }

    private static TaskDecision Submit(TaskRecord? task, TaskCommand.Submit submit, DecisionContext context)
    {
        var spec = submit.Spec;
        if (spec.Id is null)
        {
            return TaskDecision.Answer(new TaskReply.Invalid("", [new ValidationError("id", "is required")]));
        }

        if (task is not null && (task.State is not TaskState.Deleted || submit.ByParent))
        {
            // A parent never brings back a child that was deleted: it hears of the tombstone as the child's end.
            return TaskDecision.Answer(new TaskReply.Accepted(TaskView.Of(task), Created: false));
        }

        var errors = TaskSpecValidator.Validate(spec, context.Limits, context.Now);
        if (errors.Count > 0)
        {
            return TaskDecision.Answer(new TaskReply.Invalid(spec.Id, errors));
        }

        var submitted = new TaskEvent.Submitted(spec, spec.DueAt(context.Now), context.Now);
        return new TaskDecision([submitted], new TaskReply.Accepted(TaskView.Of(Apply(task, submitted)), Created: true));
    }

    private static TaskDecision Pause(TaskRecord task, TaskCommand.Pause pause, DateTimeOffset now) => task.State switch
    {
        TaskState.Paused => Unchanged(task),
        TaskState.Dispatched or TaskState.Running when pause.Policy is RunningPausePolicy.LetFinish && task.PauseRequested => Unchanged(task),
        TaskState.Scheduled or TaskState.Ready or TaskState.RetryWaiting or TaskState.Dispatched or TaskState.Running =>
            Accept(task, new TaskEvent.Paused(pause.Policy, now)),
        _ => Invalid(task, "pause"),
    };

    private static TaskDecision Resume(TaskRecord task, DateTimeOffset now) =>
        task.State is TaskState.Paused || task.PauseRequested
            ? Accept(task, new TaskEvent.Resumed(now))
            : Invalid(task, "resume");

    private static TaskDecision Cancel(TaskRecord task, TaskCommand.Cancel cancel, DateTimeOffset now) => task.State switch
    {
        TaskState.Cancelled => Unchanged(task),
        TaskState.Succeeded or TaskState.Failed or TaskState.TimedOut => Invalid(task, "cancel"),
        _ => Accept(task, new TaskEvent.Cancelled(cancel.Reason, now)),
    };

    private static TaskDecision Offer(TaskRecord? task, TaskInput.Offer offer, DateTimeOffset now)
    {
        if (task is null || !task.WantsWorker)
        {
            return TaskDecision.Answer(new TaskInput.OfferAnswer(offer.TaskId, 0));
        }

        var attempt = task.Attempt + 1;
        return new TaskDecision(
            [new TaskEvent.AttemptDispatched(attempt, offer.Worker, now)],
            new TaskInput.OfferAnswer(offer.TaskId, attempt));
    }

    private static TaskDecision Report(TaskRecord? task, AttemptReport report, DecisionContext context)
    {
        var ack = new AttemptReportAck(report.TaskId, report.Attempt);
        if (task?.Active is not { } active || active.Number != report.Attempt)
        {
            // A stale attempt (or a task that no longer exists): nothing it says changes the task. Only reports the
            // worker repeats are answered, so that it stops repeating them.
            return report is AttemptReport.Completed or AttemptReport.Rejected ? TaskDecision.Answer(ack) : TaskDecision.None;
        }

        var now = context.Now;
        return report switch
        {
            AttemptReport.Rejected rejected when active.StartedAt is null =>
                new TaskDecision([new TaskEvent.AttemptRejected(active.Number, rejected.Reason, now)], ack),
            AttemptReport.Rejected => TaskDecision.Answer(ack),
            AttemptReport.Started when active.StartedAt is null =>
                new TaskDecision([new TaskEvent.AttemptStarted(active.Number, now)], null),
            // An attempt that ended before its worker reported its start (report-started-after): the start is
            // stored with the end, in one write, so the history still shows it running.
            AttemptReport.Completed completed when active.StartedAt is null =>
                new TaskDecision([new TaskEvent.AttemptStarted(active.Number, now), Completion(task, completed.Outcome, context)], ack),
            AttemptReport.Completed completed => new TaskDecision([Completion(task, completed.Outcome, context)], ack),
            _ => TaskDecision.None,
        };
    }

    private static TaskEvent Completion(TaskRecord task, AttemptOutcome outcome, DecisionContext context)
    {
        var attempt = task.Active!.Number;
        var now = context.Now;
        var asked = task.State is not (TaskState.Dispatched or TaskState.Running);
        switch (outcome)
        {
            case AttemptOutcome.Succeeded succeeded:
                return new TaskEvent.AttemptSucceeded(attempt, succeeded.Result, now);
            case AttemptOutcome.Failed or AttemptOutcome.TimedOut or AttemptOutcome.FannedOut when asked:
                // The task was paused, cancelled or deleted with this attempt out: it was asked to stop, so its end
                // counts as that stop, not as a failure to retry.
                return new TaskEvent.AttemptCancelled(attempt, now);
            case AttemptOutcome.Failed failed:
                return Failure(task, failed.Error, timedOut: false, context);
            case AttemptOutcome.TimedOut timedOut:
                return Failure(task, new TaskError(ErrorKinds.Timeout, timedOut.Which + " timeout elapsed"), timedOut: true, context);
            case AttemptOutcome.FannedOut fannedOut:
                return FanOut(task, fannedOut, context);
            default:
                return new TaskEvent.AttemptCancelled(attempt, now);
        }
    }

    // The children are checked here, with this node's limits, before anything of them is stored: a fan-out the engine
    // cannot take fails the attempt for good (running the same code again would ask for the same children).
    private static TaskEvent FanOut(TaskRecord task, AttemptOutcome.FannedOut fannedOut, DecisionContext context)
    {
        var plan = FanOutPlan.Of(task.Id, fannedOut.Children ?? [], context.Limits, context.Now);
        if (plan.Errors.Count == 0)
        {
            return new TaskEvent.AttemptFannedOut(task.Active!.Number, plan.Children, fannedOut.Reduce, context.Now);
        }

        return Failure(task, new TaskError(ErrorKinds.InvalidFanOut, plan.Message), timedOut: false, context);
    }

    // A child's end counts once, and only while the task waits for it; every end is acknowledged so the child stops
    // repeating it (a parent that was cancelled or re-run meanwhile no longer waits).
    // A result that would take the collected results past the limit is not kept: the child counts as failed.
    private static TaskDecision ChildEnded(TaskRecord? task, TaskInput.ChildEnded ended, DecisionContext context)
    {
        var child = ended.Child;
        var ack = new TaskInput.ChildEndedAck(ended.ParentId, child.TaskId);
        if (task is not { State: TaskState.WaitingForChildren, FanOut: { } fanOut } || !fanOut.Waits(child.TaskId))
        {
            return TaskDecision.Answer(ack);
        }

        var total = fanOut.CollectedBytes + JsonSize.Of(child.Result);
        if (total > context.Limits.MaxCollectedBytes)
        {
            child = child with
            {
                State = TaskState.Failed,
                Result = null,
                Error = new TaskError(ErrorKinds.ResultTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"its result would bring the children's results to {total} bytes, more than the limit of {context.Limits.MaxCollectedBytes}")),
            };
        }

        return new TaskDecision([new TaskEvent.ChildEnded(child, context.Now)], ack);
    }

    // A parent's cancel of a child that does not exist yet records the child as cancelled, so that a submit of it still
    // on its way finds it cancelled instead of creating it. A task by that id that is not this parent's child is not
    // the parent's to cancel: the parent hears there is no such child.
    private static TaskDecision CancelChild(TaskRecord? task, TaskInput.CancelChild cancel, DateTimeOffset now)
    {
        var child = cancel.Child;
        if (task is null)
        {
            var submitted = new TaskEvent.Submitted(child, child.DueAt(now), now);
            var cancelled = new TaskEvent.Cancelled(cancel.Reason, now);
            return new TaskDecision([submitted, cancelled], new TaskReply.Accepted(TaskView.Of(Apply(Apply(null, submitted), cancelled)), Created: true));
        }

        if (task.State is TaskState.Deleted || !string.Equals(task.Spec.ParentId, child.ParentId, StringComparison.Ordinal))
        {
            return TaskDecision.Answer(new TaskReply.NotFound(cancel.TaskId));
        }

        return Cancel(task, new TaskCommand.Cancel(task.Id, cancel.Reason), now);
    }

    // The parent's note that its children have all answered the current phase (submit, or cancel): stored once.
    private static TaskDecision ChildrenAnswered(TaskRecord? task, TaskInput.ChildrenAnswered answered, DateTimeOffset now) => task switch
    {
        { State: TaskState.WaitingForChildren, FanOut: { SubmitsAnswered: false } fanOut } when fanOut.Attempt == answered.Attempt =>
            new TaskDecision([new TaskEvent.ChildrenSubmitted(answered.Attempt, now)], null),
        { State: TaskState.Cancelled or TaskState.Deleted, FanOut: { CancelsAnswered: false } fanOut } when fanOut.Attempt == answered.Attempt =>
            new TaskDecision([new TaskEvent.ChildrenCancelled(answered.Attempt, now)], null),
        _ => TaskDecision.None,
    };

    private static TaskEvent.AttemptFailed Failure(TaskRecord task, TaskError error, bool timedOut, DecisionContext context)
    {
        var delay = RetryBackoff.NextDelay(task.Spec.Retry, task.Failures + 1, error.Kind, context.JitterSample);
        return new TaskEvent.AttemptFailed(task.Active!.Number, error, timedOut, context.Now + delay, context.Now);
    }

    private static TaskDecision Accept(TaskRecord task, TaskEvent change) =>
        new([change], new TaskReply.Accepted(TaskView.Of(Apply(task, change))));

    private static TaskDecision Unchanged(TaskRecord task) => TaskDecision.Answer(new TaskReply.Accepted(TaskView.Of(task)));

    private static TaskDecision Invalid(TaskRecord task, string command) =>
        TaskDecision.Answer(new TaskReply.InvalidTransition(task.Id, task.State, command));
}
