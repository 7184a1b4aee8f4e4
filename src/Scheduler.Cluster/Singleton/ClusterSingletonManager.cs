using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Singleton;

/// <summary>
/// Runs one instance of an actor in the whole cluster (or among members with a role): start a manager with the
/// same name on every member, and the one on the oldest Up member starts the singleton as its child. When that
/// member leaves, its singleton is stopped (with the termination message) before the next oldest starts its own;
/// when it crashes, the next oldest starts one once the crashed member has been downed and removed. Reach the
/// singleton through a <see cref="ClusterSingletonProxy"/>.
/// </summary>
public sealed partial class ClusterSingletonManager : ReceiveActor, IWithTimers
{
    private readonly Props _singletonProps;
    private readonly object _terminationMessage;
    private readonly ClusterSingletonManagerSettings _settings;
    private readonly Cluster _cluster;
    private readonly ILogger _log;
    private readonly HashSet<Address> _waitingForHandOver = [];
    private readonly TaskCompletionSource _givenUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IActorRef? _singleton;
    private volatile bool _holding;
    private bool _stopping;

    // Members that may still run the singleton: every member seen as oldest while this one was not, until it hands
    // over or leaves the membership (a downed one only after the removal margin).
    private readonly HashSet<Address> _previous = [];
    private readonly HashSet<Address> _inRemovalMargin = [];

    /// <summary>Use <see cref="Props(Actors.Props, object, ClusterSingletonManagerSettings)"/>.</summary>
    internal ClusterSingletonManager(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        _singletonProps = singletonProps;
        _terminationMessage = terminationMessage;
        _settings = settings;
        _cluster = Cluster.Get(Context.System);
        _log = Context.System.LoggerFactory.CreateLogger<ClusterSingletonManager>();

        Receive<CurrentClusterState>(_ => Evaluate());
        Receive<ClusterEvent.MemberRemoved>(OnRemoved);
        Receive<ClusterEvent.MemberEvent>(_ => Evaluate());
        Receive<RemovalMarginOver>(over =>
        {
            _inRemovalMargin.Remove(over.Address);
            Evaluate();
        });
        Receive<SingletonMessage.HandOverToMe>(OnHandOverToMe);
        Receive<SingletonMessage.HandOverDone>(OnHandOverDone);
        Receive<Terminated>(OnTerminated);
        Receive<AskForHandOver>(_ => AskPreviousToHandOver());
        Receive<Reevaluate>(_ => Evaluate());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The manager of a singleton made from <paramref name="singletonProps"/>; <paramref name="terminationMessage"/>
    /// is sent to the singleton to stop it at hand-over (a message it handles by finishing its work and stopping
    /// itself, or <see cref="PoisonPill"/>).
    /// </summary>
    public static Props Props(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(singletonProps);
        ArgumentNullException.ThrowIfNull(terminationMessage);
        ArgumentNullException.ThrowIfNull(settings);
        return Actors.Props.Create(() => new ClusterSingletonManager(singletonProps, terminationMessage, settings));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        // A leaving member that runs the singleton waits, before it stops its cluster membership, until the singleton
        // has stopped: the next oldest starts its own only then. A member without it has nothing to wait for.
        Context.System.CoordinatedShutdown.AddTask(
            CoordinatedShutdown.PhaseClusterExiting,
            "singleton-hand-over-" + Self.Path.Name,
            cancellation => _holding ? _givenUp.Task.WaitAsync(cancellation) : Task.CompletedTask);
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _givenUp.TrySetResult();
    }

    /// <summary>How long after a downed holder's removal the singleton may start elsewhere (see <see cref="ClusterSettings.DownRemovalMargin"/>).</summary>
    private TimeSpan RemovalMargin => _cluster.Settings.DownRemovalMargin;

    private void OnRemoved(ClusterEvent.MemberRemoved removed)
    {
        var address = removed.Member.Address;
        if (removed.PreviousStatus == MemberStatus.Down && _previous.Contains(address) && RemovalMargin > TimeSpan.Zero)
        {
            SingletonLog.RemovalMargin(_log, address, RemovalMargin);
            _inRemovalMargin.Add(address);
            Timers.StartSingleTimer("margin-" + address, new RemovalMarginOver(address), RemovalMargin);
        }

        Evaluate();
    }

    private void Evaluate()
    {
        if (_cluster.SelfMember is not { } me || (_settings.Role is { } role && !me.HasRole(role)))
        {
            return;
        }

        var members = _cluster.State.Members;
        var oldest = SingletonPlacement.Oldest(members, _settings.Role);
        var mine = oldest is not null && oldest.UniqueAddress.Equals(me.UniqueAddress);
        _previous.RemoveWhere(address => !_inRemovalMargin.Contains(address) && !members.Any(m => m.Address.Equals(address)));
        if (_singleton is not null)
        {
            if (!mine && !_stopping)
            {
                // Leaving, downed, or no longer the oldest: the singleton goes before anyone else starts one.
                StopSingleton(oldest is null ? "no member can take it over" : $"{oldest.Address} is the oldest now");
            }

            return;
        }

        if (!mine)
        {
            // Until further notice the singleton runs there; if that member goes, it must hand over first. And a
            // member that was about to take over but no longer is stops asking.
            Timers.Cancel("hand-over");
            if (oldest is not null)
            {
                _previous.Add(oldest.Address);
            }

            return;
        }

        _previous.Remove(me.Address);
        if (_previous.Count > 0)
        {
            // Earlier oldest members are still members (leaving, or downed and not yet removed): any of them may still
            // run the singleton, so each must confirm it has none, or be gone, before this member starts one.
            if (!Timers.IsTimerActive("hand-over"))
            {
                SingletonLog.BecomingOldest(_log, _previous);
                Timers.StartPeriodicTimer("hand-over", AskForHandOver.Instance, _settings.HandOverRetryInterval);
                AskPreviousToHandOver();
            }

            return;
        }

        StartSingleton();
    }

    private void StartSingleton()
    {
        Timers.Cancel("hand-over");
        _holding = true;
        _singleton = Context.ActorOf(_singletonProps, _settings.SingletonName);
        Context.Watch(_singleton);
        SingletonLog.Started(_log, _singleton.Path);
    }

    private void StopSingleton(string why)
    {
        _stopping = true;
        SingletonLog.Stopping(_log, why);
        _singleton!.Tell(_terminationMessage, Self);
    }

    private void AskPreviousToHandOver()
    {
        foreach (var previous in _previous.Where(address => !_inRemovalMargin.Contains(address)))
        {
            ManagerAt(previous).Tell(new SingletonMessage.HandOverToMe(_cluster.SelfAddress), Self);
        }
    }

    private void OnHandOverToMe(SingletonMessage.HandOverToMe request)
    {
        if (SingletonPlacement.Oldest(_cluster.State.Members, _settings.Role) is not { } oldest || !oldest.Address.Equals(request.From))
        {
            // Only the oldest as this member sees it may take over; if the views differ, the asker asks again.
            return;
        }

        if (_singleton is null)
        {
            // Nothing runs here (the asker is the oldest, so this member will not start one either).
            ManagerAt(request.From).Tell(new SingletonMessage.HandOverDone(_cluster.SelfAddress), Self);
            return;
        }

        _waitingForHandOver.Add(request.From);
        if (!_stopping)
        {
            StopSingleton($"{request.From} asked to take it over");
        }
    }

    private void OnHandOverDone(SingletonMessage.HandOverDone done)
    {
        if (_previous.Remove(done.From))
        {
            SingletonLog.HandedOver(_log, done.From);
            Evaluate();
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_singleton))
        {
            return;
        }

        _singleton = null;
        _holding = false;
        if (!_stopping)
        {
            // It stopped itself; a cluster singleton is meant to exist, so it is started again.
            SingletonLog.StoppedItself(_log, _settings.HandOverRetryInterval);
            Timers.StartSingleTimer("restart", Reevaluate.Instance, _settings.HandOverRetryInterval);
            return;
        }

        _stopping = false;
        SingletonLog.Stopped(_log);
        _givenUp.TrySetResult();
        if (SingletonPlacement.Oldest(_cluster.State.Members, _settings.Role) is { } next && !next.Address.Equals(_cluster.SelfAddress))
        {
            _waitingForHandOver.Add(next.Address);
        }

        foreach (var waiting in _waitingForHandOver)
        {
            ManagerAt(waiting).Tell(new SingletonMessage.HandOverDone(_cluster.SelfAddress), Self);
        }

        _waitingForHandOver.Clear();
    }

    private ActorSelection ManagerAt(Address address) => Context.ActorSelection(address + Self.Path.ToStringWithoutAddress());

    private sealed record AskForHandOver
    {
        public static AskForHandOver Instance { get; } = new();
    }

    private sealed record Reevaluate
    {
        public static Reevaluate Instance { get; } = new();
    }

    private sealed record RemovalMarginOver(Address Address);

    private static partial class SingletonLog
    {
        [LoggerMessage(EventId = 170, Level = LogLevel.Information, Message = "Singleton started at {Path}")]
        public static partial void Started(ILogger logger, ActorPath path);

        [LoggerMessage(EventId = 171, Level = LogLevel.Information, Message = "Stopping the singleton: {Why}")]
        public static partial void Stopping(ILogger logger, string why);

        [LoggerMessage(EventId = 172, Level = LogLevel.Information, Message = "The singleton has stopped; it is handed over")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 173, Level = LogLevel.Information, Message = "This member is the oldest now; waiting for [{Previous}] to hand the singleton over")]
        public static partial void BecomingOldest(ILogger logger, IEnumerable<Address> previous);

        [LoggerMessage(EventId = 176, Level = LogLevel.Information, Message = "{Previous} was downed and removed; the singleton may start elsewhere after {Margin}")]
        public static partial void RemovalMargin(ILogger logger, Address previous, TimeSpan margin);

        [LoggerMessage(EventId = 174, Level = LogLevel.Information, Message = "{Previous} handed the singleton over")]
        public static partial void HandedOver(ILogger logger, Address previous);

        [LoggerMessage(EventId = 175, Level = LogLevel.Warning, Message = "The singleton stopped itself; it is started again in {Delay}")]
        public static partial void StoppedItself(ILogger logger, TimeSpan delay);
    }
}
