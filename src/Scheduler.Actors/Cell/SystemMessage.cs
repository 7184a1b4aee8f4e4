namespace Scheduler.Actors;

/// <summary>
/// Messages about an actor's life rather than its work. They travel in their own queue, which the mailbox drains
/// before every user message, so a stop or a supervisor's decision never waits behind a backlog.
/// </summary>
internal abstract record SystemMessage
{
    /// <summary>Construct the actor and run PreStart.</summary>
    public sealed record Create : SystemMessage;

    /// <summary>Restart the actor after <paramref name="Cause"/>.</summary>
    public sealed record Recreate(Exception Cause) : SystemMessage;

    /// <summary>Stop processing user messages (the actor or an ancestor failed).</summary>
    public sealed record Suspend : SystemMessage;

    /// <summary>
    /// Undo one suspension. <paramref name="CausedByFailure"/> is set when this answers the actor's own failure
    /// (the supervisor chose Resume), which also clears the failed state.
    /// </summary>
    public sealed record Resume(Exception? CausedByFailure) : SystemMessage;

    /// <summary>Stop the actor after stopping its children.</summary>
    public sealed record Terminate : SystemMessage;

    /// <summary><paramref name="Watcher"/> wants a Terminated when <paramref name="Watchee"/> stops.</summary>
    public sealed record Watch(InternalActorRef Watchee, InternalActorRef Watcher) : SystemMessage;

    /// <summary><paramref name="Watcher"/> no longer wants to hear of <paramref name="Watchee"/>.</summary>
    public sealed record Unwatch(InternalActorRef Watchee, InternalActorRef Watcher) : SystemMessage;

    /// <summary><paramref name="Actor"/> has stopped (sent to its watchers).</summary>
    public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

    /// <summary>A child failed and awaits its parent's decision.</summary>
    public sealed record Failed(InternalActorRef Child, Exception Cause, long Uid) : SystemMessage;

    /// <summary>A child has finished stopping.</summary>
    public sealed record ChildTerminated(InternalActorRef Child) : SystemMessage;

    /// <summary>A continuation of an async handler, to run inside the actor.</summary>
    public sealed record AsyncContinuation(SendOrPostCallback Callback, object? State, SynchronizationContext Context, int Generation) : SystemMessage;

    /// <summary>The task of an async handler finished; user messages flow again.</summary>
    public sealed record AsyncCompleted(Task Task, int Generation) : SystemMessage;
}
