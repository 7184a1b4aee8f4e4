namespace Scheduler.Actors;

/// <summary>
/// An actor that runs one child and, when it fails (or stops), starts it again after a growing delay, so a child
/// whose dependency is down does not hammer it. Messages sent to the supervisor are forwarded to the child; while
/// there is no child they go to dead letters. The scheduler runs task executors under it.
/// </summary>
public sealed class BackoffSupervisor : ActorBase, IWithTimers
{
    private readonly BackoffOptions _options;
    private readonly SupervisorStrategy _strategy;
    private IActorRef? _child;
    private int _restartCount;
    private int _incarnation;
    private bool _childFailed;

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
        _strategy = options.Mode == BackoffMode.OnFailure
            ? new OneForOneStrategy(-1, null, Decide)
            : Actors.SupervisorStrategy.Default;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a backoff supervisor.</summary>
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Actors.Props.Create(() => new BackoffSupervisor(options));
    }

    /// <summary>Asks for the current child; the reply is <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        private GetCurrentChild() { }

        /// <summary>The only instance.</summary>
        public static GetCurrentChild Instance { get; } = new();
    }

    /// <summary>The reply to <see cref="GetCurrentChild"/>; null while the child is waiting to start again.</summary>
    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Asks for the number of restarts since the last reset; the reply is <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        private GetRestartCount() { }

        /// <summary>The only instance.</summary>
        public static GetRestartCount Instance { get; } = new();
    }

    /// <summary>The reply to <see cref="GetRestartCount"/>.</summary>
    public sealed record RestartCount(int Count);

    /// <summary>Resets the delay to the minimum.</summary>
    public sealed class Reset
    {
        private Reset() { }

        /// <summary>The only instance.</summary>
        public static Reset Instance { get; } = new();
    }

    private sealed record StartChild;

    private sealed record ResetRestartCount(int Incarnation);

    /// <inheritdoc />
    protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;

    /// <inheritdoc />
    protected override void PreStart() => Start();

    /// <inheritdoc />
    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated when terminated.ActorRef.Equals(_child):
                OnChildStopped();
                return true;
            case StartChild:
                if (_child is null)
                {
                    Start();
                }

                return true;
            case ResetRestartCount reset:
                if (reset.Incarnation == _incarnation)
                {
                    _restartCount = 0;
                }

                return true;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                return true;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount), Self);
                return true;
            case Reset:
                _restartCount = 0;
                return true;
            case Terminated:
                return true;
            default:
                if (_child is not null)
                {
                    _child.Tell(message, Context.Sender);
                }
                else
                {
                    Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self) { Reason = "the backoff supervisor's child is waiting to restart" }, Sender);
                }

                return true;
        }
    }

    private Directive Decide(Exception exception)
    {
        var directive = _options.Decider(exception);
        if (directive != Directive.Restart)
        {
            return directive;
        }

        // Stop now, start again after the backoff (see OnChildStopped).
        _childFailed = true;
        return Directive.Stop;
    }

    private void Start()
    {
        _childFailed = false;
        _incarnation++;
        _child = Context.ActorOf(_options.ChildProps, _options.ChildName);
        Context.Watch(_child);
        Timers.StartSingleTimer("reset", new ResetRestartCount(_incarnation), _options.ResetBackoffAfter);
    }

    private void OnChildStopped()
    {
        _child = null;
        Timers.Cancel("reset");
        var restart = _options.Mode == BackoffMode.OnStop || _childFailed;
        if (!restart || (_options.MaxRestarts >= 0 && _restartCount >= _options.MaxRestarts))
        {
            Context.Stop(Self);
            return;
        }

        var delay = BackoffDelay.Compute(_restartCount, _options.MinBackoff, _options.MaxBackoff, _options.RandomFactor, _options.Random());
        _restartCount++;
        Timers.StartSingleTimer("start", new StartChild(), delay);
    }

}
