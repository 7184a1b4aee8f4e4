using System.Runtime.ExceptionServices;

namespace Scheduler.Actors;

/// <summary>
/// Async handlers (Akka's ReceiveAsync): while the handler's task runs, user messages wait, and every continuation
/// after an <c>await</c> comes back through the system queue to run on the actor with the original message's
/// context, so <c>Sender</c> and <c>Self</c> stay valid and the actor never runs on two threads at once.
/// </summary>
internal sealed partial class ActorCell
{

    public void RunTask(Func<Task> work)
    {
        var context = new ActorSynchronizationContext(this, ++TaskGeneration);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = work() ?? throw new InvalidOperationException($"An async handler of {SelfRef.Path} returned a null task.");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }

        Mailbox.IsAwaitingTask = true;
        TaskEnvelope = _currentEnvelope;
        var generation = context.Generation;
        _ = task.ContinueWith(
            static (completed, state) =>
            {
                var (cell, generation) = ((ActorCell, int))state!;
                cell.Mailbox.PostSystem(new SystemMessage.AsyncCompleted(completed, generation));
            },
            (this, generation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Forgets the task being awaited (restart or stop): its later continuations and completion are dropped.</summary>
    private void CancelTaskWait()
    {
        Mailbox.IsAwaitingTask = false;
        if (_extras is null)
        {
            return;
        }

        TaskGeneration++;
        Mailbox.IsAwaitingTask = false;
        TaskEnvelope = default;
    }

    private void RunContinuation(SystemMessage.AsyncContinuation continuation)
    {
        // A continuation of a task the actor has given up on (it restarted meanwhile) still runs, so its finally
        // blocks do, but without the context of a message: Sender is dead letters for it.
        var current = continuation.Generation == TaskGeneration && Mailbox.IsAwaitingTask;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(continuation.Context);
        _currentEnvelope = current ? TaskEnvelope : default;
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            _currentEnvelope = default;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void CompleteTask(SystemMessage.AsyncCompleted completed)
    {
        if (completed.Generation != TaskGeneration || !Mailbox.IsAwaitingTask)
        {
            return;
        }

        Mailbox.IsAwaitingTask = false;
        _currentEnvelope = TaskEnvelope; // a failure is reported against the message whose handler failed
        TaskEnvelope = default;
        ThrowIfFailed(completed.Task);
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            ExceptionDispatchInfo.Capture(exception).Throw();
        }

        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }

    private sealed class ActorSynchronizationContext(ActorCell cell, int generation) : SynchronizationContext
    {
        public int Generation { get; } = generation;

        public override void Post(SendOrPostCallback d, object? state) =>
            cell.Mailbox.PostSystem(new SystemMessage.AsyncContinuation(d, state, this, Generation));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("An actor's context does not run work synchronously for another thread.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
