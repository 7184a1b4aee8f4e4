namespace Scheduler.Actors;

/// <summary>
/// The temporary ref behind an Ask, registered under <c>/temp</c> until the first reply, the timeout or the
/// cancellation settles it. Anything it receives after that goes to dead letters.
/// </summary>
internal sealed class PromiseActorRef : InternalActorRef
{
    private readonly TempContainer _container;
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ICancelable? _timeout;
    private CancellationTokenRegistration _cancellation;
    private List<InternalActorRef>? _watchers;

    public PromiseActorRef(ActorSystem system, TempContainer container, ActorPath path)
    {
        System = system;
        _container = container;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem System { get; }

    public override InternalActorRef? Parent => _container;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    public Task<object> Task => _promise.Task;

    public void Arm(ICancelable timeout, CancellationToken cancellationToken)
    {
        _timeout = timeout;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static state => ((PromiseActorRef)state!).Cancel(), this);
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settled = message is Status.Failure failure
            ? _promise.TrySetException(failure.Cause)
            : _promise.TrySetResult(message);
        if (settled)
        {
            Release();
        }
        else
        {
            // A late reply: the asker has gone on without it.
            System.DeadLetters.Tell(new DeadLetter(message, sender ?? System.DeadLetters, this) { Reason = "the ask had already completed" }, sender);
        }
    }

    /// <summary>
    /// An actor may watch whoever asked it (the asker is this ref): it hears of its end when the ask settles.
    /// </summary>
    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Watch watch:
                lock (_promise)
                {
                    if (!_promise.Task.IsCompleted)
                    {
                        (_watchers ??= []).Add(watch.Watcher);
                        return;
                    }
                }

                watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(this, ExistenceConfirmed: true));
                break;
            case SystemMessage.Unwatch unwatch:
                lock (_promise)
                {
                    _watchers?.Remove(unwatch.Watcher);
                }

                break;
        }
    }

    /// <summary>Settles the ask with <paramref name="exception"/> (the system stopped, say).</summary>
    public void Fail(Exception exception)
    {
        if (_promise.TrySetException(exception))
        {
            Release();
        }
    }

    public void Expire(string description)
    {
        if (_promise.TrySetException(new AskTimeoutException(description)))
        {
            Release();
        }
    }

    private void Cancel()
    {
        if (_promise.TrySetCanceled())
        {
            Release();
        }
    }

    private void Release()
    {
        _timeout?.Cancel();
        _cancellation.Dispose();
        _container.Remove(Path.Name);
        List<InternalActorRef>? watchers;
        lock (_promise)
        {
            watchers = _watchers;
            _watchers = null;
        }

        foreach (var watcher in watchers ?? [])
        {
            watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(this, ExistenceConfirmed: true));
        }
    }
}
