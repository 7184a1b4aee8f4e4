using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Remote.Delivery;
using Scheduler.Remote.Handshake;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Endpoints;

/// <summary>
/// Everything this node sends to one other node: a queue, one outbound connection (dialled on the first send,
/// redialled when it drops), the handshake, and the buffer of unacknowledged system messages. One writer drains
/// the queue and flushes once per burst, so many small messages share a write. Replies come back on the peer's own
/// connection to this node; this connection carries back only acknowledgements and heartbeat answers.
/// </summary>
internal sealed partial class Association
{
    private readonly Channel<Outbound> _queue = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock _gate = new();
    private readonly SystemMessageBuffer _system;
    private readonly ILogger _log;
    private int _queued;
    private int _running;
    private long _gatedUntil;
    private long _peerUid;
    private ulong _writtenUpTo;
    private CancellationTokenSource? _connection;

    public Association(RemoteActorRefProvider provider, Address remote)
    {
        Provider = provider;
        Remote = remote;
        _system = new SystemMessageBuffer(provider.Settings.SystemMessageBufferSize, provider.Settings.GiveUpSystemMessageAfter);
        _log = provider.LoggerFactory.CreateLogger<Association>();
    }

    public RemoteActorRefProvider Provider { get; }

    /// <summary>The node this association sends to.</summary>
    public Address Remote { get; }

    /// <summary>The incarnation of the peer at the last handshake, or 0.</summary>
    public long PeerUid => Volatile.Read(ref _peerUid);

    private bool IsGated => Provider.NowTicks < Volatile.Read(ref _gatedUntil);

    /// <summary>Queues a user message (or a heartbeat); when the peer cannot be reached or the queue is full, it becomes a dead letter.</summary>
    public void Send(Outbound item)
    {
        if (IsGated)
        {
            DeadLetter(item, $"{Remote} could not be reached a moment ago; messages to it are dropped for retry-gate-closed-for");
            return;
        }

        if (Interlocked.Increment(ref _queued) > Provider.Settings.OutboundQueueSize)
        {
            Interlocked.Decrement(ref _queued);
            DeadLetter(item, $"the queue to {Remote} is full (outbound-queue-size)");
            return;
        }

        _queue.Writer.TryWrite(item);
        EnsureRunning();
    }

    /// <summary>Numbers a system message and sends it; it is resent until acknowledged.</summary>
    public void SendSystem(SystemKind what, string subject, string watcher, bool existenceConfirmed)
    {
        bool added;
        lock (_gate)
        {
            added = _system.TryAdd(what, subject, watcher, existenceConfirmed, Provider.Now, out _);
        }

        if (!added)
        {
            Provider.Quarantine(Remote, PeerUid, $"{Settings.SystemMessageBufferSize} system messages to it are unacknowledged (system-message-buffer-size)");
            return;
        }

        _queue.Writer.TryWrite(new Outbound.SystemMessages(All: false));
        EnsureRunning();
    }

    /// <summary>Called by the resend timer: resends what is unacknowledged, and gives the peer up when it is overdue.</summary>
    public void ResendTick()
    {
        bool pending;
        bool overdue;
        lock (_gate)
        {
            pending = _system.Count > 0;
            overdue = _system.IsOverdue(Provider.Now);
        }

        if (overdue && PeerUid != 0)
        {
            Provider.Quarantine(Remote, PeerUid, $"a system message to it stayed unacknowledged for {Settings.GiveUpSystemMessageAfter} (give-up-system-message-after)");
            return;
        }

        if (pending && !IsGated)
        {
            _queue.Writer.TryWrite(new Outbound.SystemMessages(All: true));
            EnsureRunning();
        }
    }

    /// <summary>The peer incarnation <paramref name="uid"/> is quarantined: drop its connection and its pending system messages.</summary>
    public void OnQuarantined(long uid)
    {
        if (uid != PeerUid)
        {
            return;
        }

        lock (_gate)
        {
            _system.Reset();
            _writtenUpTo = 0;
        }

        Cancel();
    }

    /// <summary>Closes the connection (shutdown, quarantine).</summary>
    public void Cancel()
    {
        try
        {
            Volatile.Read(ref _connection)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended on its own meanwhile.
        }
    }

    private RemoteSettings Settings => Provider.Settings;

    private void EnsureRunning()
    {
        if (!IsGated && !Provider.IsShuttingDown && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var handshakeDone = false;
        Connection? connection = null;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Provider.ShutdownToken);
        try
        {
            connection = await DialAsync(cancellation.Token).ConfigureAwait(false);
            handshakeDone = true;
            Volatile.Write(ref _connection, cancellation);
            var replies = ReadRepliesAsync(connection, cancellation);
            WriteSystemMessages(connection, all: true);
            await connection.FlushAsync(cancellation.Token).ConfigureAwait(false);
            await PumpAsync(connection, cancellation.Token).ConfigureAwait(false);
            await replies.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutdown, quarantine, or the peer closed the connection (the reply reader cancels).
        }
        catch (HandshakeRefusedException refused)
        {
            AssociationLog.Refused(_log, Remote, refused.Message);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or MalformedFrameException or System.Security.Authentication.AuthenticationException)
        {
            if (handshakeDone)
            {
                AssociationLog.Dropped(_log, Remote, exception.Message);
            }
            else
            {
                AssociationLog.Unreachable(_log, Remote, exception.Message);
            }
        }
        finally
        {
            Volatile.Write(ref _connection, null);
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            if (!handshakeDone)
            {
                // Nobody to talk to: what waits would arrive arbitrarily late, so it is dropped now, visibly.
                Volatile.Write(ref _gatedUntil, Provider.NowTicks + Provider.Ticks(Settings.RetryGateClosedFor));
            }

            Volatile.Write(ref _running, 0);
            if (!handshakeDone || Provider.IsShuttingDown)
            {
                DrainToDeadLetters();
            }
            else if (_queue.Reader.Count > 0)
            {
                EnsureRunning();
            }
        }
    }

    private async Task<Connection> DialAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Settings.HandshakeTimeout, Provider.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Connection? connection = null;
        try
        {
            connection = await Connection.ConnectAsync(Remote.Host!, Remote.Port!.Value, Provider.Tls, Settings.MaximumFrameSize, linked.Token).ConfigureAwait(false);
            connection.Faults = Provider.Faults.For(Remote);
            var uid = await ClientHandshake.RunAsync(connection, Provider, Remote, linked.Token).ConfigureAwait(false);
            var previous = Interlocked.Exchange(ref _peerUid, uid);
            if (previous != 0 && previous != uid)
            {
                // The peer restarted: what was pending was for an incarnation that no longer exists.
                lock (_gate)
                {
                    _system.Reset();
                }

                Provider.OnPeerRestarted(Remote, previous);
            }

            AssociationLog.Associated(_log, Remote, uid);
            return connection;
        }
        catch (OperationCanceledException timedOut) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw new IOException($"no handshake with {Remote} within {Settings.HandshakeTimeout} (handshake-timeout)", timedOut);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task PumpAsync(Connection connection, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        var writer = new FrameWriter(Provider, connection, _log);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                switch (item)
                {
                    case Outbound.SystemMessages system:
                        WriteSystemMessages(connection, system.All);
                        break;
                    default:
                        Interlocked.Decrement(ref _queued);
                        writer.Write(item);
                        break;
                }

                if (connection.Writer.UnflushedBytes >= 256 * 1024)
                {
                    await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteSystemMessages(Connection connection, bool all)
    {
        lock (_gate)
        {
            if (all)
            {
                _writtenUpTo = _system.Acknowledged;
            }

            foreach (var frame in _system.Unacknowledged)
            {
                if (frame.Sequence > _writtenUpTo)
                {
                    connection.Send(frame);
                    _writtenUpTo = frame.Sequence;
                }
            }
        }
    }

    private async Task ReadRepliesAsync(Connection connection, CancellationTokenSource cancellation)
    {
        try
        {
            await connection.ReceiveLoopAsync(new ReplyHandler(this), cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The pump notices through the cancellation below.
        }
        finally
        {
            try
            {
                await cancellation.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // RunAsync has already finished.
            }
        }
    }

    private void DrainToDeadLetters()
    {
        while (_queue.Reader.TryRead(out var item))
        {
            if (item is not Outbound.SystemMessages)
            {
                Interlocked.Decrement(ref _queued);
                DeadLetter(item, $"{Remote} could not be reached");
            }
        }
    }

    private void DeadLetter(Outbound item, string reason)
    {
        var (message, sender) = item switch
        {
            Outbound.Message m => (m.Payload, m.Sender),
            Outbound.Selection s => (s.Payload, s.Sender),
            _ => (null, null),
        };
        if (message is not null)
        {
            var deadLetters = Provider.System.DeadLetters;
            deadLetters.Tell(new DeadLetter(message, sender ?? deadLetters, deadLetters) { Reason = reason }, sender);
        }
    }

    /// <summary>Acknowledgements and heartbeat answers coming back on the outbound connection.</summary>
    private sealed class ReplyHandler(Association association) : IFrameHandler
    {
        public void OnFrame(Frame frame)
        {
            switch (frame)
            {
                case Frame.Ack ack:
                    lock (association._gate)
                    {
                        association._system.Acknowledge(ack.Sequence);
                    }

                    break;
                case Frame.HeartbeatResponse response:
                    association.Provider.Watcher.Tell(new Watch.RemoteWatcher.HeartbeatAnswered(association.Remote, response.Uid), null);
                    break;
                case Frame.Rejected rejected:
                    // The peer quarantined this node and closes the connection.
                    AssociationLog.Refused(association._log, association.Remote, rejected.Reason);
                    association.Provider.OnRefusedByPeer(association.Remote, rejected.Reason);
                    break;
                default:
                    OnMalformed($"a {frame.Kind} frame is not expected on an outbound connection");
                    break;
            }
        }

        public void OnMalformed(string reason) => AssociationLog.BadReply(association._log, association.Remote, reason);

        public ValueTask OnBatchEndAsync() => ValueTask.CompletedTask;
    }

    private static partial class AssociationLog
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Associated with {Remote} (incarnation {Uid})")]
        public static partial void Associated(ILogger logger, Address remote, long uid);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cannot reach {Remote}: {Reason}")]
        public static partial void Unreachable(ILogger logger, Address remote, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Connection to {Remote} dropped: {Reason}")]
        public static partial void Dropped(ILogger logger, Address remote, string reason);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Handshake with {Remote} refused: {Reason}")]
        public static partial void Refused(ILogger logger, Address remote, string reason);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Dropped a frame from {Remote}: {Reason}")]
        public static partial void BadReply(ILogger logger, Address remote, string reason);
    }
}
