namespace Scheduler.Actors;

/// <summary>
/// Turns a task's outcome into a message, the safe way for an actor to use an async result: the actor handles it
/// later as an ordinary message instead of touching its state from a continuation.
/// </summary>
public static class PipeToExtensions
{
    /// <summary>Sends the result (or a <see cref="Status.Failure"/>) to <paramref name="recipient"/>.</summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            completed =>
            {
                if (completed.IsCompletedSuccessfully)
                {
                    object? result = success is not null ? success(completed.Result) : completed.Result;
                    recipient.Tell(result ?? new Status.Success(null), sender);
                }
                else
                {
                    recipient.Tell(ToFailure(completed, failure), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Sends <see cref="Status.Success"/> (or a <see cref="Status.Failure"/>) to <paramref name="recipient"/>.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(
            completed => recipient.Tell(
                completed.IsCompletedSuccessfully ? success?.Invoke() ?? new Status.Success(null) : ToFailure(completed, failure),
                sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static object ToFailure(Task completed, Func<Exception, object>? failure)
    {
        Exception cause = completed.IsCanceled
            ? new TaskCanceledException(completed)
            : completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerException! : completed.Exception;
        return failure is not null ? failure(cause) : new Status.Failure(cause);
    }
}
