using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Remote.Delivery;
using Scheduler.Remote.Faults;
using Scheduler.Remote.Handshake;
using Scheduler.Remote.Refs;
using Scheduler.Remote.Serialization;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Watch;

namespace Scheduler.Remote.Endpoints;

/// <summary>
/// Remoting's core, plugged into the kernel: binds the listening socket (so paths carry the bound address), accepts
/// connections, keeps one association per peer, resolves paths read from the wire, and keeps the quarantine list.
/// </summary>
[global::System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its actor system; Shutdown, run when the system terminates, releases the socket, the timer and the cancellation.")]
internal sealed partial class RemoteActorRefProvider : IRemoteProvider
{
    /// <summary>Resolved paths kept per provider; the table is cleared when it grows past this.</summary>
    private const int RefCacheLimit = 10_000;

    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<(Address, long), string> _quarantined = new();
    private readonly ConcurrentDictionary<(Address, long), SystemMessageReceiver> _receivers = new();
    private readonly ConcurrentDictionary<InboundConnection, CancellationTokenSource> _inbound = new();
    private readonly ConcurrentDictionary<string, InternalActorRef> _refs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ILogger _log;
    private ICancelable? _resendTimer;

    public RemoteActorRefProvider(ActorSystem system, RemoteSettings settings)
    {
        System = system;
        Settings = settings;
        LoggerFactory = system.LoggerFactory;
        TimeProvider = system.TimeProvider;
        _log = LoggerFactory.CreateLogger<RemoteActorRefProvider>();
        Uid = NewUid();
        SecretKey = HandshakeProof.Key(settings.Secret);
        Tls = settings.Tls is null ? null : TlsContext.Load(settings.Tls);
        Faults = new FaultInjector(TimeProvider);
        _listener = Bind(settings);
        var port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        Address = new Address(Remoting.Protocol, system.Name, settings.Hostname, port);
    }

    public ActorSystem System { get; }

    public RemoteSettings Settings { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    public Address Address { get; }

    /// <summary>This incarnation's id, sent in every handshake.</summary>
    public long Uid { get; }

    public byte[] SecretKey { get; }

    public TlsContext? Tls { get; }

    public IActorRef Watcher { get; private set; } = null!;

    /// <summary>Faults multi-node specs inject on links to other nodes.</summary>
    public FaultInjector Faults { get; }

    public CancellationToken ShutdownToken => _shutdown.Token;

    public bool IsShuttingDown => _shutdown.IsCancellationRequested;

    public TimeSpan Now => TimeProvider.GetElapsedTime(0, TimeProvider.GetTimestamp());

    public long NowTicks => TimeProvider.GetTimestamp();

    /// <summary>The association with <paramref name="address"/>, if anything was ever sent there.</summary>
    public Association? ExistingAssociation(Address address) => _associations.GetValueOrDefault(address);

    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * TimeProvider.TimestampFrequency);

    public void Start(ActorSystem system)
    {
        KernelMessageSerializer.RegisterAll(system.Serialization);
        Watcher = system.SystemActorOf(RemoteWatcher.Props(this), "remote-watcher");
        _ = Task.Run(AcceptLoopAsync);
        var interval = Settings.SystemMessageResendInterval;
        _resendTimer = system.Scheduler.ScheduleRepeatedly(interval, interval, ResendTick);
        _ = system.WhenTerminated.ContinueWith(_ => Shutdown(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ProviderLog.Listening(_log, Address, Uid, Tls is null ? "plain TCP" : "mutual TLS");
    }

    public InternalActorRef ResolveRemote(ActorPath path) => new RemoteActorRef(System, AssociationFor(path.Address), path);

    public Association AssociationFor(Address address) => _associations.GetOrAdd(address, static (key, provider) => new Association(provider, key), this);

    /// <summary>An actor of this node named by a path from the wire, or null when the path names another node.</summary>
    public InternalActorRef? ResolveLocal(string text)
    {
        var resolved = ResolveAny(text);
        return resolved is null || resolved.IsRemote ? null : resolved;
    }

    /// <summary>The ref a path from the wire names, local or remote; null when it is not a path.</summary>
    public InternalActorRef? ResolveAny(string text)
    {
        if (_refs.TryGetValue(text, out var cached) && !cached.IsTerminated)
        {
            return cached;
        }

        if (!ActorPath.TryParse(text, out var path, out _))
        {
            return null;
        }

        var resolved = System.Resolve(path);
        if (path.Uid != 0 && !resolved.IsTerminated)
        {
            if (_refs.Count >= RefCacheLimit)
            {
                _refs.Clear();
            }

            _refs[text] = resolved;
        }

        return resolved;
    }

    public bool IsQuarantined(Address address, long uid) => _quarantined.ContainsKey((address, uid));

    /// <summary>Never talk to incarnation <paramref name="uid"/> of <paramref name="address"/> again.</summary>
    public void Quarantine(Address address, long uid, string reason)
    {
        if (uid == 0 || !_quarantined.TryAdd((address, uid), reason))
        {
            return;
        }

        ProviderLog.Quarantined(_log, address, uid, reason);
        if (ExistingAssociation(address) is { } association)
        {
            association.OnQuarantined(uid);
        }

        _receivers.TryRemove((address, uid), out _);
        foreach (var (connection, cancellation) in _inbound)
        {
            if (address.Equals(connection.Peer) && connection.PeerUid == uid)
            {
                connection.QuarantineReason = reason;
                cancellation.Cancel();
            }
        }

        Watcher.Tell(new RemoteWatcher.NodeQuarantined(address, uid), null);
        System.EventStream.Publish(new QuarantinedEvent(address, uid, reason));
    }

    /// <summary>The receiving state for system messages from one peer incarnation; a new incarnation retires the old one.</summary>
    public SystemMessageReceiver ReceiverFor(Address address, long uid)
    {
        foreach (var (key, _) in _receivers)
        {
            if (key.Item1.Equals(address) && key.Item2 != uid)
            {
                OnPeerRestarted(address, key.Item2);
            }
        }

        return _receivers.GetOrAdd((address, uid), static _ => new SystemMessageReceiver());
    }

    public void OnPeerRestarted(Address address, long oldUid) =>
        Quarantine(address, oldUid, "it restarted as a new incarnation");

    public void OnRefusedByPeer(Address remote, string reason)
    {
        if (reason.Contains("quarantined", StringComparison.Ordinal))
        {
            System.EventStream.Publish(new ThisActorSystemQuarantinedEvent(Address, remote, reason));
        }
    }

    private static long NewUid()
    {
        long uid;
        do
        {
            uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        }
        while (uid == 0);

        return uid;
    }

    private static Socket Bind(RemoteSettings settings)
    {
        IPAddress ip;
        if (!IPAddress.TryParse(settings.Hostname, out ip!))
        {
            ip = Dns.GetHostAddresses(settings.Hostname).FirstOrDefault()
                ?? throw new ConfigurationException($"Configuration key 'scheduler.remote.hostname': '{settings.Hostname}' resolves to no address.");
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A node restarted on its fixed port must not wait out the TIME_WAIT of its last incarnation's connections.
            // (On Linux this never lets two listeners share a port.)
            if (!OperatingSystem.IsWindows())
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(ip, settings.Port));
            socket.Listen(512);
            return socket;
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new ConfigurationException(
                $"Remoting cannot listen on {settings.Hostname}:{settings.Port} (scheduler.remote.hostname and port): {exception.Message}", exception);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!IsShuttingDown)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(ShutdownToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (IsShuttingDown)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var endpoint = socket.RemoteEndPoint;
        Connection connection;
        try
        {
            connection = await Connection.AcceptAsync(socket, Tls, Settings.MaximumFrameSize, ShutdownToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Whatever the peer sent (no TLS, an untrusted certificate, garbage), it ends here, logged.
            ProviderLog.TlsFailed(_log, endpoint, exception.Message);
            socket.Dispose();
            return;
        }

        var inbound = new InboundConnection(this, connection);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ShutdownToken);
        _inbound[inbound] = cancellation;
        try
        {
            await inbound.RunAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ProviderLog.InboundEnded(_log, inbound.Peer, connection.Remote, exception.Message);
        }
        finally
        {
            _inbound.TryRemove(inbound, out _);
            await inbound.TellIfQuarantinedAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ResendTick()
    {
        foreach (var association in _associations.Values)
        {
            association.ResendTick();
        }
    }

    /// <summary>Closes every socket; runs when the system terminates (tests call it to make a node fall silent).</summary>
    internal void Shutdown()
    {
        if (IsShuttingDown)
        {
            return;
        }

        _shutdown.Cancel();
        _resendTimer?.Cancel();
        _listener.Dispose();
        foreach (var association in _associations.Values)
        {
            association.Cancel();
        }

        Tls?.Dispose();
        ProviderLog.Stopped(_log, Address);
    }

    private static partial class ProviderLog
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Remoting listens at {Address} (incarnation {Uid}, {Security})")]
        public static partial void Listening(ILogger logger, Address address, long uid, string security);

        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Quarantined {Node} (incarnation {Uid}): {Reason}")]
        public static partial void Quarantined(ILogger logger, Address node, long uid, string reason);

        [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "A connection from {Endpoint} failed before the handshake: {Reason}")]
        public static partial void TlsFailed(ILogger logger, EndPoint? endpoint, string reason);

        [LoggerMessage(EventId = 43, Level = LogLevel.Debug, Message = "Connection from {Peer} at {Endpoint} ended: {Reason}")]
        public static partial void InboundEnded(ILogger logger, Address? peer, string endpoint, string reason);

        [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Remoting at {Address} stopped")]
        public static partial void Stopped(ILogger logger, Address address);
    }
}
