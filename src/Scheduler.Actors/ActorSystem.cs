using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Actors.Serialization;
using Scheduler.Configuration;

namespace Scheduler.Actors;

/// <summary>
/// A hierarchy of actors with its configuration, clock, scheduler, event stream and dead letters. User actors live
/// under <c>/user</c>, the runtime's under <c>/system</c>, pending asks under <c>/temp</c>.
/// <see cref="Terminate"/> runs coordinated shutdown, then stops <c>/user</c>, then <c>/system</c>.
/// </summary>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private const string ReferenceResource = "Scheduler.reference.conf";

    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProviderScheduler _scheduler;
    private readonly DeadLetterActorRef _deadLetters;
    private readonly LocalActorRef _root;
    private readonly LocalActorRef _userGuardian;
    private readonly LocalActorRef _systemGuardian;
    private readonly Dictionary<Type, object> _extensions = [];
    // Actor uids start at a random point, so a system started again under the same name and address (a restarted
    // node) does not hand out the uids of its previous incarnation: a ref to an actor of the old incarnation must
    // never equal the new actor at the same path (sharding and death watch tell regions and watchees apart by it).
    private long _uid = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private long _nameCounter;
    private int _terminating;
    private bool _stopped;

    private ActorSystem(string name, ActorSystemSetup setup)
    {
        Name = name;
        Configuration = WithReference(setup.Configuration);
        Settings = ActorSystemSettings.Read(Configuration);
        TimeProvider = setup.TimeProvider ?? TimeProvider.System;
        LoggerFactory = setup.LoggerFactory ?? NullLoggerFactory.Instance;
        Log = LoggerFactory.CreateLogger<ActorSystem>();
        Serialization = new SerializationRegistry();
        setup.Serialization?.Invoke(Serialization);
        Dispatchers = new Dispatchers(Settings);
        _scheduler = new TimeProviderScheduler(TimeProvider, LoggerFactory.CreateLogger<TimeProviderScheduler>());
        EventStream = new EventStream();
        Serialization.System = this;

        // Remoting binds its socket here, before the first path is made, so every path carries the bound address.
        Provider = setup.RemoteProvider?.Invoke(this);
        Address = Provider?.Address ?? Address.Local(name);

        var rootPath = ActorPath.RootOf(Address);
        _deadLetters = new DeadLetterActorRef(this, rootPath / "deadLetters");
        var rootSupervisor = new RootSupervisor(this, rootPath / "bubble-walker", OnRootStopped);
        var rootCell = CreateCell(Props.Create(() => new GuardianActor(SupervisorStrategy.Stopping)), rootSupervisor, rootPath);
        _root = rootCell.SelfRef;
        TempContainer = new TempContainer(this, rootPath / "temp", _root);
        rootCell.VirtualChildren = new Dictionary<string, InternalActorRef>(StringComparer.Ordinal)
        {
            ["deadLetters"] = _deadLetters,
            ["temp"] = TempContainer,
        };
        rootCell.Mailbox.PostSystem(new SystemMessage.Create());

        _userGuardian = rootCell.NewChild(Props.Create(() => new GuardianActor(Settings.GuardianSupervisorStrategy)), "user", validateName: false);
        _systemGuardian = rootCell.NewChild(Props.Create(() => new GuardianActor(SupervisorStrategy.Default)), "system", validateName: false);
        _userGuardian.Cell.OnTerminated = () =>
        {
            Interlocked.Exchange(ref _terminating, 1);
            _systemGuardian.Stop();
        };
        _systemGuardian.Cell.OnTerminated = _root.Stop;

        CoordinatedShutdown = new CoordinatedShutdown(this, Settings.CoordinatedShutdown);
        SystemActorOf(Props.Create(() => new DeadLetterListener(Settings)), "deadLetterListener");
        Provider?.Start(this);
        SystemLog.Started(Log, name);
    }

    /// <summary>The system's name, part of every actor path.</summary>
    public string Name { get; }

    /// <summary>The address of this system.</summary>
    public Address Address { get; }

    /// <summary>The configuration in force: reference.conf overlaid with what the setup gave.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The kernel's settings.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The clock every timer and timeout uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Where actors log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The system's own logger.</summary>
    public ILogger Log { get; }

    /// <summary>Delayed and repeated sends.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>The system-wide publish/subscribe bus.</summary>
    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>The registry of message manifests.</summary>
    public SerializationRegistry Serialization { get; }

    /// <summary>The phased shutdown of this system.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>True once termination has begun.</summary>
    public bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    internal Dispatchers Dispatchers { get; }

    /// <summary>Remoting, when the setup asked for it.</summary>
    internal IRemoteProvider? Provider { get; }

    /// <summary>Every actor has stopped (set just before <see cref="WhenTerminated"/> completes).</summary>
    internal bool HasStopped => Volatile.Read(ref _stopped);

    internal TempContainer TempContainer { get; }

    internal InternalActorRef RootRef => _root;

    /// <summary>A monotonic "now" for supervision windows.</summary>
    internal TimeSpan Now => TimeProvider.GetElapsedTime(0, TimeProvider.GetTimestamp());

    /// <summary>Creates a system named <paramref name="name"/> from configuration layered over reference.conf.</summary>
    public static ActorSystem Create(string name, IConfiguration? configuration = null) =>
        Create(name, new ActorSystemSetup { Configuration = configuration });

    /// <summary>Creates a system from a setup.</summary>
    public static ActorSystem Create(string name, ActorSystemSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ValidateSystemName(name);
        return new ActorSystem(name, setup);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ThrowIfTerminated();
        return _userGuardian.Cell.ActorOf(props, name);
    }

    /// <summary>Selects actors by path; relative paths start at <c>/user</c>.</summary>
    public ActorSelection ActorSelection(string path) => Select(path, _userGuardian);

    /// <summary>
    /// The ref for a full path such as one read from a message: an actor of this system (a path naming a stopped
    /// actor or another incarnation yields a ref whose messages become dead letters), or, with remoting, an actor
    /// of another system.
    /// </summary>
    public IActorRef ResolveActorRef(ActorPath path) => Resolve(path);

    /// <summary>Parses <paramref name="path"/> (as written by <see cref="ActorPath.ToSerializationFormat"/>) and resolves it.</summary>
    public IActorRef ResolveActorRef(string path) => Resolve(ActorPath.Parse(path));

    /// <summary>Stops an actor after the message it is handling.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is InternalActorRef target && ReferenceEquals(target.System, this))
        {
            target.Stop();
        }
    }

    /// <summary>
    /// Terminates the system: runs coordinated shutdown (when <c>run-by-actor-system-terminate</c> is on), then stops
    /// <c>/user</c>, then <c>/system</c>. Returns <see cref="WhenTerminated"/>.
    /// </summary>
    public Task Terminate()
    {
        if (Settings.CoordinatedShutdown.RunByActorSystemTerminate)
        {
            _ = CoordinatedShutdown.Run(ShutdownReason.ActorSystemTerminate);
        }
        else
        {
            FinalTerminate();
        }

        return WhenTerminated;
    }

    /// <summary>Terminates and waits.</summary>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <summary>
    /// The instance of an extension (cluster, sharding, persistence) for this system, created on first use.
    /// </summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory) where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (_extensions)
        {
            if (_extensions.TryGetValue(typeof(T), out var existing))
            {
                return (T)existing;
            }

            var created = factory(this);
            _extensions[typeof(T)] = created;
            return created;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    internal IActorRef SystemActorOf(Props props, string? name = null)
    {
        ThrowIfTerminated();
        return _systemGuardian.Cell.NewChild(props, name, validateName: true);
    }

    internal ActorSelection Select(string path, InternalActorRef relativeTo)
    {
        var (anchor, elements) = SelectionPath.Parse(path, _root, relativeTo);
        return anchor is null
            ? new ActorSelection(_deadLetters, path, ["$unreachable"])
            : new ActorSelection(anchor, path, elements);
    }

    internal InternalActorRef Resolve(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Address.Equals(Address))
        {
            return Provider?.ResolveRemote(path) ?? new EmptyLocalActorRef(this, path);
        }

        InternalActorRef? current = _root;
        foreach (var name in path.Elements)
        {
            current = current.GetChild(name);
            if (current is null)
            {
                return new EmptyLocalActorRef(this, path);
            }
        }

        return path.Uid == 0 || current.Path.Uid == path.Uid ? current : new EmptyLocalActorRef(this, path);
    }

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal long NextChildNameCounter() => Interlocked.Increment(ref _nameCounter);

    internal ActorCell CreateCell(Props props, InternalActorRef parent, ActorPath path)
    {
        var dispatcher = Dispatchers.Lookup(props.Dispatcher);
        var capacity = Dispatchers.MailboxCapacity(props.Mailbox);
        return new ActorCell(this, props, parent, path, dispatcher, capacity);
    }

    internal void FinalTerminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _userGuardian.Stop();
        }
    }

    internal void LogUnhandled(object message, IActorRef recipient)
    {
        if (Log.IsEnabled(LogLevel.Debug))
        {
            SystemLog.Unhandled(Log, message.GetType().Name, recipient.Path);
        }
    }

    private void OnRootStopped()
    {
        Volatile.Write(ref _stopped, true);
        Thread.MemoryBarrier(); // pairs with AskCore: it registers, then reads _stopped.
        _scheduler.Dispose();
        TempContainer.FailAll($"The actor system {Name} terminated before the reply came.");
        SystemLog.Terminated(Log, Name);
        _terminated.TrySetResult();
    }

    private void ThrowIfTerminated()
    {
        if (_terminated.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The actor system '{Name}' has terminated and creates no more actors.");
        }
    }

    private static void ValidateSystemName(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterOrDigit(name[0]) ||
            !name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"Actor system name '{name}' is invalid: use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        }
    }

    /// <summary>
    /// The configuration a system created with <paramref name="user"/> sees: the built-in <c>reference.conf</c> with
    /// <paramref name="user"/> over it. For reading settings (such as a node's API address) before the system exists.
    /// </summary>
    public static IConfiguration WithReference(IConfiguration? user)
    {
        using var stream = typeof(ActorSystem).Assembly.GetManifestResourceStream(ReferenceResource)
            ?? throw new InvalidOperationException($"The embedded {ReferenceResource} is missing from {typeof(ActorSystem).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var builder = new ConfigurationBuilder().AddHoconString(reader.ReadToEnd(), "reference.conf");
        if (user is not null)
        {
            builder.AddConfiguration(user);
        }

        return builder.Build();
    }

    private static partial class SystemLog
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Actor system {Name} started")]
        public static partial void Started(ILogger logger, string name);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Actor system {Name} terminated")]
        public static partial void Terminated(ILogger logger, string name);

        [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Unhandled message {MessageType} in {Recipient}")]
        public static partial void Unhandled(ILogger logger, string messageType, ActorPath recipient);
    }
}
