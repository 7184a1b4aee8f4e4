using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Cluster.Events;

namespace Scheduler.Cluster.Singleton;

/// <summary>
/// Sends messages to a cluster singleton wherever it runs: it follows the membership to the oldest member, asks
/// the manager there for the singleton until it exists, and forwards each message with its sender. While the
/// singleton moves (hand-over, or a crashed member being downed) messages wait in a bounded buffer.
/// </summary>
public sealed partial class ClusterSingletonProxy : ReceiveActor, IWithTimers
{
    private readonly string _managerPath;
    private readonly ClusterSingletonProxySettings _settings;
    private readonly Cluster _cluster;
    private readonly ILogger _log;
    private readonly MessageBuffer _buffer;
    private Address? _target;
    private IActorRef? _singleton;

    /// <summary>Use <see cref="Props(string, ClusterSingletonProxySettings)"/>.</summary>
    internal ClusterSingletonProxy(string managerPath, ClusterSingletonProxySettings settings)
    {
        _managerPath = managerPath;
        _settings = settings;
        _cluster = Cluster.Get(Context.System);
        _log = Context.System.LoggerFactory.CreateLogger<ClusterSingletonProxy>();
        _buffer = new MessageBuffer(settings.BufferSize);

        Receive<CurrentClusterState>(_ => Retarget());
        Receive<ClusterEvent.MemberEvent>(_ => Retarget());
        Receive<IdentifyTick>(_ => IdentifySingleton());
        Receive<ActorIdentity>(OnIdentity);
        Receive<Terminated>(OnTerminated);
        ReceiveAny(OnMessage);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A proxy to the singleton whose managers run at <paramref name="singletonManagerPath"/> (such as
    /// <c>/user/scheduler</c>) on the members.
    /// </summary>
    public static Props Props(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(singletonManagerPath) || !(singletonManagerPath.StartsWith("/user/", StringComparison.Ordinal) || singletonManagerPath.StartsWith("/system/", StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"The singleton manager path must be the manager's path without an address, such as /user/scheduler (or /system/... for the runtime's own singletons); '{singletonManagerPath}' is not.",
                nameof(singletonManagerPath));
        }

        return Actors.Props.Create(() => new ClusterSingletonProxy(singletonManagerPath.TrimEnd('/'), settings));
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberEvent));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Retarget()
    {
        var oldest = SingletonPlacement.Oldest(_cluster.State.Members, _settings.Role)?.Address;
        if (Equals(oldest, _target))
        {
            return;
        }

        _target = oldest;
        if (_singleton is not null)
        {
            Context.Unwatch(_singleton);
            _singleton = null;
        }

        ProxyLog.Moving(_log, oldest);
        if (oldest is not null)
        {
            Timers.StartPeriodicTimer("identify", IdentifyTick.Instance, _settings.SingletonIdentificationInterval);
            IdentifySingleton();
        }
        else
        {
            Timers.Cancel("identify");
        }
    }

    private void IdentifySingleton()
    {
        if (_target is { } target)
        {
            Context.ActorSelection($"{target}{_managerPath}/{_settings.SingletonName}").Tell(new Identify(target.ToString()), Self);
        }
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (_singleton is not null || identity.Subject is not { } singleton || !string.Equals(identity.MessageId as string, _target?.ToString(), StringComparison.Ordinal))
        {
            // Not there yet (the next tick asks again), or an answer from a member that is no longer the target.
            return;
        }

        Timers.Cancel("identify");
        _singleton = singleton;
        Context.Watch(singleton);
        var buffered = _buffer.Drain();
        ProxyLog.Found(_log, singleton.Path, buffered.Count);
        foreach (var (message, sender) in buffered)
        {
            singleton.Tell(message, sender);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_singleton))
        {
            // Stopped for a hand-over or with its member: find it again where the membership says it now is.
            _singleton = null;
            Timers.StartPeriodicTimer("identify", IdentifyTick.Instance, _settings.SingletonIdentificationInterval);
        }
    }

    private void OnMessage(object message)
    {
        if (_singleton is not null)
        {
            _singleton.Tell(message, Sender);
            return;
        }

        if (_buffer.Add(message, Sender) is { } dropped)
        {
            ProxyLog.Dropped(_log, dropped.Message.GetType().Name, _settings.BufferSize);
            Context.System.DeadLetters.Tell(dropped.Message, dropped.Sender);
        }
    }

    private sealed record IdentifyTick
    {
        public static IdentifyTick Instance { get; } = new();
    }

    private static partial class ProxyLog
    {
        [LoggerMessage(EventId = 180, Level = LogLevel.Information, Message = "The singleton belongs on {Member} (none: no member can run it yet)")]
        public static partial void Moving(ILogger logger, Address? member);

        [LoggerMessage(EventId = 181, Level = LogLevel.Information, Message = "Singleton found at {Path}; {Count} buffered messages sent on")]
        public static partial void Found(ILogger logger, ActorPath path, int count);

        [LoggerMessage(EventId = 182, Level = LogLevel.Warning, Message = "The singleton proxy's buffer is full ({Size}): the oldest message, a {Type}, is dropped")]
        public static partial void Dropped(ILogger logger, string type, int size);
    }
}
