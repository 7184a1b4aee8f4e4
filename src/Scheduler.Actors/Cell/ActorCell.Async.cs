using System.Runtime.ExceptionServices;

namespace Scheduler.Actors;

/// <summary>
/// Async handlers (Akka's ReceiveAsync): while the handler's task runs, user messages wait, and every continuation
/// after an <c>await</c> comes back through the system queue to run on the actor with the original message's
/// context, so <c>Sender</c> and <c>Self</c> stay valid and the actor never runs on two threads at once.
/// </summary>
internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? _synchronizationContext;
    private Envelope _taskEnvelope;
    private int _taskGeneration;

    public void RunTask(Func<Task> work)
    {
        var context = _synchronizationContext ??= new ActorSynchronizationContext(this);
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
        _taskEnvelope = _currentEnvelope;
        var generation = _taskGeneration;
        task.ContinueWith(
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
        _taskGeneration++;
        Mailbox.IsAwaitingTask = false;
        _taskEnvelope = default;
    }

    private void RunContinuation(SystemMessage.AsyncContinuation continuation)
    {
        if (!Mailbox.IsAwaitingTask)
        {
            return;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        _currentEnvelope = _taskEnvelope;
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
        if (completed.Generation != _taskGeneration || !Mailbox.IsAwaitingTask)
        {
            return;
        }

        Mailbox.IsAwaitingTask = false;
        _currentEnvelope = _taskEnvelope; // a failure is reported against the message whose handler failed
        _taskEnvelope = default;
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

    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell.Mailbox.PostSystem(new SystemMessage.AsyncContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("An actor's context does not run work synchronously for another thread.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
