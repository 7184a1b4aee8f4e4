namespace Scheduler.Actors;

/// <summary>Request-response from outside an actor, or from an actor that needs the answer as a task.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary ref as sender and completes with the first reply.
    /// A <see cref="Status.Failure"/> reply fails the task with its cause; a reply of another type fails it with
    /// <see cref="InvalidCastException"/>; no reply within <paramref name="timeout"/> (the system's
    /// <c>ask-timeout</c> when null) fails it with <see cref="AskTimeoutException"/>. Replies that come later go to
    /// dead letters.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var target = receiver as InternalActorRef ?? throw new ArgumentException(
            $"{receiver} is not a ref made by this runtime; Ask needs one.", nameof(receiver));
        var reply = await AskCore(target.System, receiver, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask to {receiver.Path} expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}.");
    }

    /// <summary>Ask with no expectation of the reply's type.</summary>
    public static Task<object> Ask(this IActorRef receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object>(message, timeout, cancellationToken);

    internal static Task<object> AskCore(ActorSystem system, IActorRef receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? system.Settings.AskTimeout;
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "An ask needs a positive timeout.");
        }

        var container = system.TempContainer;
        var promise = new PromiseActorRef(system, container, container.NextPath());
        container.Add(promise);
        if (system.HasStopped)
        {
            // Checked after registering: either FailAll at termination saw this promise, or this sees the flag.
            promise.Fail(new AskTimeoutException($"Ask to {receiver.Path} cannot complete: the actor system {system.Name} has terminated."));
            return promise.Task;
        }

        var description =
            $"Ask to {receiver.Path} timed out after {limit.TotalMilliseconds:0} ms waiting for a reply to {message.GetType().Name}.";
        promise.Arm(system.Scheduler.ScheduleOnce(limit, () => promise.Expire(description)), cancellationToken);
        receiver.Tell(message, promise);
        return promise.Task;
    }
}
