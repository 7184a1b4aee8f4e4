namespace Scheduler.Actors;

/// <summary>
/// State that most actors never use: death watch, failure handling, receive timeout, async handlers, stash, timers.
/// It lives in one object created on first use, so an idle actor pays one null reference for all of it (the kernel
/// benchmark's bytes-per-actor figure). The private properties below read like fields in the partial files; a setter given the
/// default value does not create the object.
/// </summary>
internal sealed partial class ActorCell
{
    private Extras? _extras;

    private Extras X => _extras ??= new Extras();

    private ActorStash? StashState
    {
        get => _extras?.Stash;
        set => Set(value, static (x, v) => x.Stash = v);
    }

    private TimerScheduler? TimersState
    {
        get => _extras?.Timers;
        set => Set(value, static (x, v) => x.Timers = v);
    }

    /// <summary>Runs when the cell has fully stopped; the system uses it to stop guardians in order.</summary>
    public Action? OnTerminated
    {
        get => _extras?.OnTerminated;
        set => Set(value, static (x, v) => x.OnTerminated = v);
    }

    /// <summary>Refs that are not actors but live under this path (the root's /temp and /deadLetters).</summary>
    public Dictionary<string, InternalActorRef>? VirtualChildren
    {
        get => _extras?.VirtualChildren;
        set => Set(value, static (x, v) => x.VirtualChildren = v);
    }

    private Dictionary<IActorRef, object?>? Watching
    {
        get => _extras?.Watching;
        set => Set(value, static (x, v) => x.Watching = v);
    }

    private HashSet<IActorRef>? WatchedBy
    {
        get => _extras?.WatchedBy;
        set => Set(value, static (x, v) => x.WatchedBy = v);
    }

    private HashSet<IActorRef>? TerminatedQueued
    {
        get => _extras?.TerminatedQueued;
        set => Set(value, static (x, v) => x.TerminatedQueued = v);
    }

    private object? FailedMessage
    {
        get => _extras?.FailedMessage;
        set => Set(value, static (x, v) => x.FailedMessage = v);
    }

    private Exception? PendingRecreate
    {
        get => _extras?.PendingRecreate;
        set => Set(value, static (x, v) => x.PendingRecreate = v);
    }

    private List<IActorRef>? Perpetrators
    {
        get => _extras?.Perpetrators;
        set => Set(value, static (x, v) => x.Perpetrators = v);
    }

    private TimeSpan? ReceiveTimeoutSetting
    {
        get => _extras?.ReceiveTimeout;
        set => Set(value, static (x, v) => x.ReceiveTimeout = v);
    }

    private long LastActivity
    {
        get => _extras?.LastActivity ?? 0;
        set => Set(value, static (x, v) => x.LastActivity = v);
    }

    private int ReceiveTimeoutGeneration
    {
        get => _extras?.ReceiveTimeoutGeneration ?? 0;
        set => Set(value, static (x, v) => x.ReceiveTimeoutGeneration = v);
    }

    private ICancelable? ReceiveTimeoutCheck
    {
        get => _extras?.ReceiveTimeoutCheck;
        set => Set(value, static (x, v) => x.ReceiveTimeoutCheck = v);
    }

    private Envelope TaskEnvelope
    {
        get => _extras?.TaskEnvelope ?? default;
        set => Set(value, static (x, v) => x.TaskEnvelope = v);
    }

    private int TaskGeneration
    {
        get => _extras?.TaskGeneration ?? 0;
        set => Set(value, static (x, v) => x.TaskGeneration = v);
    }

    private void Set<T>(T value, Action<Extras, T> assign)
    {
        if (_extras is null && EqualityComparer<T>.Default.Equals(value, default!))
        {
            return;
        }

        assign(X, value);
    }

    private sealed class Extras
    {
        public ActorStash? Stash;
        public TimerScheduler? Timers;
        public Action? OnTerminated;
        public Dictionary<string, InternalActorRef>? VirtualChildren;
        public Dictionary<IActorRef, object?>? Watching;
        public HashSet<IActorRef>? WatchedBy;
        public HashSet<IActorRef>? TerminatedQueued;
        public object? FailedMessage;
        public Exception? PendingRecreate;
        public List<IActorRef>? Perpetrators;
        public TimeSpan? ReceiveTimeout;
        public long LastActivity;
        public int ReceiveTimeoutGeneration;
        public ICancelable? ReceiveTimeoutCheck;
        public Envelope TaskEnvelope;
        public int TaskGeneration;
    }
}
