using System.Globalization;
using Scheduler.Engine.Execution;

namespace Scheduler.Engine.Tasks;

internal static partial class TaskLifecycle
{
    /// <summary>The state after <paramref name="changes"/>, in order (the state given when there are none).</summary>
    public static TaskRecord? ApplyAll(TaskRecord? task, IReadOnlyList<TaskEvent> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            task = Apply(task, change);
        }

        return task;
    }

    /// <summary>The state after <paramref name="change"/>; recovery folds every stored event through this.</summary>
    public static TaskRecord Apply(TaskRecord? task, TaskEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change is TaskEvent.Submitted submitted)
        {
            return Submitted(task, submitted);
        }

        if (task is null)
        {
            throw new InvalidOperationException("A task's first event must be Submitted, not " + change.GetType().Name + ".");
        }

        // Notes of the fan-out protocol, not changes a client sees: the task's update time stays.
        switch (change)
        {
            case TaskEvent.ChildrenSubmitted:
                return task with { FanOut = task.FanOut! with { SubmitsAnswered = true } };
            case TaskEvent.ChildrenCancelled:
                return task with { FanOut = task.FanOut! with { CancelsAnswered = true } };
        }

        // Every other event sets the update time. Each arm makes one copy of the record (the entity and the read
        // model fold every event, thousands a second, so copies made only to be copied again were a large share of
        // what the engine allocated): UpdatedAt is set in each arm rather than in a copy first.
        var at = change.At;
        return change switch
        {
            TaskEvent.BecameReady => task with { State = TaskState.Ready, UpdatedAt = at },
            TaskEvent.AttemptDispatched dispatched => task with
            {
                State = TaskState.Dispatched,
                Attempt = dispatched.Attempt,
                Active = new ActiveAttempt(dispatched.Attempt, dispatched.Worker, at, null),
                LastNode = dispatched.Worker.Node.Address.ToString(),
                LastWorker = dispatched.Worker.Actor.Path.ToString(),
                UpdatedAt = at,
            },
            TaskEvent.AttemptRejected => task with { Active = null, State = Requeued(task), UpdatedAt = at },
            TaskEvent.AttemptStarted => task with
            {
                State = task.State is TaskState.Dispatched ? TaskState.Running : task.State,
                Active = task.Active! with { StartedAt = at },
                StartedAt = at,
                UpdatedAt = at,
            },
            TaskEvent.AttemptSucceeded succeeded => Succeeded(task, succeeded),
            TaskEvent.AttemptFailed failed => Failed(task, failed),
            TaskEvent.AttemptCancelled or TaskEvent.AttemptLost => task with
            {
                Active = null,
                State = Requeued(task),
                PauseRequested = false,
                PausedFrom = RequeuedFrom(task),
                UpdatedAt = at,
            },
            TaskEvent.AttemptFannedOut fannedOut => AfterChild(
                task with
                {
                    Active = null,
                    State = TaskState.WaitingForChildren,
                    PauseRequested = false,
                    PausedFrom = null,
                    FanOut = new FanOutRecord { Attempt = fannedOut.Attempt, Children = fannedOut.Children, Reduce = fannedOut.Reduce },
                    UpdatedAt = at,
                },
                at),
            TaskEvent.ChildEnded ended => AfterChild(task with { FanOut = task.FanOut!.With(ended.Child), UpdatedAt = at }, at),
            TaskEvent.Paused paused => Paused(task, paused),
            TaskEvent.Resumed => Resumed(task, at),
            TaskEvent.Cancelled => task with { State = TaskState.Cancelled, FinishedAt = at, PauseRequested = false, PausedFrom = null, UpdatedAt = at },
            TaskEvent.Deleted => task with { State = TaskState.Deleted, PauseRequested = false, PausedFrom = null, UpdatedAt = at },
            TaskEvent.Rerun => task with
            {
                State = TaskState.Ready,
                DueAt = at,
                Failures = 0,
                LastError = null,
                Result = null,
                FinishedAt = null,
                FanOut = null,
                UpdatedAt = at,
            },
            _ => throw new InvalidOperationException("Unknown task event " + change.GetType().Name + "."),
        };
    }

    private static TaskRecord Submitted(TaskRecord? previous, TaskEvent.Submitted submitted) => new()
    {
        Id = submitted.Spec.Id!,
        Spec = submitted.Spec,
        State = submitted.DueAt <= submitted.At ? TaskState.Ready : TaskState.Scheduled,
        DueAt = submitted.DueAt,
        SubmittedAt = submitted.At,
        UpdatedAt = submitted.At,
        // A task submitted again over a tombstone keeps counting attempts (they are fencing tokens) and keeps an
        // attempt of the deleted task that may still be stopping: no new attempt starts until it has.
        Attempt = previous?.Attempt ?? 0,
        Active = previous?.Active,
        LastNode = previous?.LastNode,
        LastWorker = previous?.LastWorker,
    };

    // Where an attempt's end without an outcome (rejected, cancelled, lost) leaves the task: an attempt that was out
    // for a dispatched or running task goes back to waiting for a worker (paused instead, when a pause waits for it);
    // any other state (paused, cancelled, deleted) was already decided by the client and stays.
    private static TaskState Requeued(TaskRecord task) => task.State switch
    {
        TaskState.Dispatched or TaskState.Running => task.PauseRequested ? TaskState.Paused : TaskState.Ready,
        _ => task.State,
    };

    private static TaskState? RequeuedFrom(TaskRecord task) =>
        task.State is TaskState.Dispatched or TaskState.Running && task.PauseRequested ? TaskState.Ready : task.PausedFrom;

    // A success ends the task even when a pause (or a pause and a resume) came meanwhile; a cancel or delete that came
    // first stays.
    private static TaskRecord Succeeded(TaskRecord task, TaskEvent.AttemptSucceeded succeeded) =>
        task.State is TaskState.Cancelled or TaskState.Deleted
            ? task with { Active = null, Result = succeeded.Result, LastError = null, UpdatedAt = succeeded.At }
            : task with
            {
                Active = null,
                Result = succeeded.Result,
                LastError = null,
                State = TaskState.Succeeded,
                FinishedAt = succeeded.At,
                PauseRequested = false,
                PausedFrom = null,
                UpdatedAt = succeeded.At,
            };

    private static TaskRecord Failed(TaskRecord task, TaskEvent.AttemptFailed failed)
    {
        task = task with { Active = null, Failures = task.Failures + 1, LastError = failed.Error, UpdatedAt = failed.At };
        if (failed.RetryAt is not { } retryAt)
        {
            return task with
            {
                State = failed.TimedOut ? TaskState.TimedOut : TaskState.Failed,
                FinishedAt = failed.At,
                PauseRequested = false,
            };
        }

        return task.PauseRequested
            ? task with { State = TaskState.Paused, PausedFrom = TaskState.RetryWaiting, DueAt = retryAt, PauseRequested = false }
            : task with { State = TaskState.RetryWaiting, DueAt = retryAt };
    }

    // Once every child has ended: a failed child fails the parent (its retries are spent); otherwise the parent succeeds
    // with the children's results, or becomes ready for the attempt that reduces them.
    private static TaskRecord AfterChild(TaskRecord task, DateTimeOffset at)
    {
        var fanOut = task.FanOut!;
        if (!fanOut.AllEnded)
        {
            return task;
        }

        var failed = fanOut.Results.Where(child => !child.Succeeded).ToList();
        if (failed.Count > 0)
        {
            return task with { State = TaskState.Failed, FinishedAt = at, LastError = ChildFailure(failed, fanOut.Children.Count) };
        }

        return fanOut.Reduce
            ? task with { State = TaskState.Ready, DueAt = at }
            : task with { State = TaskState.Succeeded, FinishedAt = at, Result = fanOut.Collected(), LastError = null };
    }

    private static TaskError ChildFailure(List<ChildResult> failed, int children)
    {
        const int MaxDetail = 200;
        var first = failed[0];
        var detail = first.Error is { } error ? " (" + error.Kind + ": " + error.Message + ")" : "";
        if (detail.Length > MaxDetail)
        {
            detail = detail[..(MaxDetail - 2)] + "…)";
        }

        return new TaskError(ErrorKinds.ChildFailed, string.Create(CultureInfo.InvariantCulture,
            $"{failed.Count} of {children} children did not succeed; the first, '{first.TaskId}', ended {first.State}{detail}"));
    }

    private static TaskRecord Paused(TaskRecord task, TaskEvent.Paused paused)
    {
        if (task.State is TaskState.Dispatched or TaskState.Running)
        {
            return paused.Policy is RunningPausePolicy.LetFinish
                ? task with { PauseRequested = true, UpdatedAt = paused.At }
                : task with { State = TaskState.Paused, PausedFrom = TaskState.Ready, UpdatedAt = paused.At };
        }

        return task with { State = TaskState.Paused, PausedFrom = task.State, UpdatedAt = paused.At };
    }

    private static TaskRecord Resumed(TaskRecord task, DateTimeOffset at)
    {
        if (task.State is not TaskState.Paused)
        {
            return task with { PauseRequested = false, UpdatedAt = at };
        }

        var back = task.PausedFrom ?? TaskState.Ready;
        if (back is TaskState.Scheduled or TaskState.RetryWaiting && task.DueAt <= at)
        {
            back = TaskState.Ready;
        }

        return task with { State = back, PausedFrom = null, UpdatedAt = at };
    }
}
