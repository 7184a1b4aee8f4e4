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

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is SystemMessage.Watch watch)
        {
            watch.Watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(this, ExistenceConfirmed: !IsTerminated));
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
    }
}
