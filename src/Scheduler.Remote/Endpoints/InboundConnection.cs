using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Remote.Delivery;
using Scheduler.Remote.Handshake;
using Scheduler.Remote.Transport;
using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Endpoints;

/// <summary>
/// A connection another node dialled: the server side of the handshake, then every frame it sends is delivered
/// here. Input is never trusted: a frame that does not decode, a message whose manifest is unknown or whose
/// payload is malformed, or a recipient of another system is logged and dropped, and the connection carries on.
/// </summary>
internal sealed partial class InboundConnection : IFrameHandler
{
    private readonly RemoteActorRefProvider _provider;
    private readonly Connection _connection;
    private readonly ILogger _log;
    private Address _peer = null!;
    private long _peerUid;
    private SystemMessageReceiver _receiver = null!;
    private bool _ackDue;
    private bool _heartbeatDue;

    public InboundConnection(RemoteActorRefProvider provider, Connection connection)
    {
        _provider = provider;
        _connection = connection;
        _log = provider.LoggerFactory.CreateLogger<InboundConnection>();
    }

    /// <summary>The peer, once the handshake is done.</summary>
    public Address? Peer => _peer;

    public long PeerUid => _peerUid;

    /// <summary>Set when the peer is quarantined; it is told so before the connection closes.</summary>
    public string? QuarantineReason { get; set; }

    /// <summary>Runs the handshake, then delivers frames until the peer leaves or the connection is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_provider.Settings.HandshakeTimeout, _provider.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (!await HandshakeAsync(linked.Token).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (MalformedFrameException malformed)
        {
            // Whatever dialled this port does not speak the protocol (a port scanner, an HTTP client...).
            InboundLog.Refused(_log, _connection.Remote, $"it does not speak this protocol: {malformed.Message}");
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            InboundLog.Refused(_log, _connection.Remote, $"no handshake within {_provider.Settings.HandshakeTimeout} (handshake-timeout)");
            return;
        }

        _receiver = _provider.ReceiverFor(_peer, _peerUid);
        InboundLog.Accepted(_log, _peer, _peerUid, _connection.Remote);
        await _connection.ReceiveLoopAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells a quarantined peer why the connection ends, so it learns at once rather than at its next handshake.
    /// Runs after the read loop has stopped, so it is the only writer.
    /// </summary>
    public async Task TellIfQuarantinedAsync()
    {
        if (QuarantineReason is not { } reason)
        {
            return;
        }

        try
        {
            _connection.Send(new Frame.Rejected($"{_peer} (incarnation {_peerUid}) is quarantined: {reason}"));
            await _connection.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // It will learn at its next handshake instead.
        }
    }

    public void OnFrame(Frame frame)
    {
        try
        {
            switch (frame)
            {
                case Frame.Message message:
                    Deliver(message.Recipient, message.Sender, message.Manifest, message.Payload);
                    break;
                case Frame.Selection selection:
                    DeliverSelection(selection);
                    break;
                case Frame.SystemEnvelope system:
                    _ackDue = true;
                    if (_receiver.Accept(system.Sequence))
                    {
                        DeliverSystem(system);
                    }

                    break;
                case Frame.Heartbeat:
                    _heartbeatDue = true;
                    break;
                default:
                    OnMalformed($"a {frame.Kind} frame is not expected once the handshake is done");
                    break;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Delivery must never end the connection: whatever one message does, the next one is read.
            InboundLog.DeliveryFailed(_log, _peer, exception);
        }
    }

    public void OnMalformed(string reason) => InboundLog.Malformed(_log, _peer?.ToString() ?? _connection.Remote, reason);

    public async ValueTask OnBatchEndAsync()
    {
        if (!_ackDue && !_heartbeatDue)
        {
            return;
        }

        if (_ackDue)
        {
            _connection.Send(new Frame.Ack(_receiver.Delivered));
            _ackDue = false;
        }

        if (_heartbeatDue)
        {
            _connection.Send(new Frame.HeartbeatResponse(_provider.Uid));
            _heartbeatDue = false;
        }

        await _connection.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        var first = await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (first is not Frame.Hello hello)
        {
            await RefuseAsync(_connection.Remote, first is null ? "it closed the connection before saying hello" : $"it opened with a {first.Kind} frame instead of a hello", cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (HandshakeRules.RefuseHello(hello.ProtocolVersion, hello.From, hello.FromUid, hello.To, _provider.Address, _provider.IsQuarantined) is { } refusal)
        {
            await RefuseAsync(_connection.Remote, refusal, cancellationToken).ConfigureAwait(false);
            return false;
        }

        // RefuseHello has already checked that the address parses.
        _ = HandshakeRules.TryParseNode(hello.From, out var from);
        _connection.Faults = _provider.Faults.For(from);
        if (_connection.Faults is { DropReceives: true } or { DropSends: true })
        {
            // A blackholed peer is not heard: the hello is as good as lost, and it finds a silent connection.
            return false;
        }

        var local = _provider.Address.ToString();
        var nonce = HandshakeProof.NewNonce();
        var transcript = new HandshakeTranscript(hello.From, hello.FromUid, hello.Nonce.ToArray(), local, _provider.Uid, nonce);
        _connection.Send(new Frame.Challenge(local, _provider.Uid, nonce, HandshakeProof.Compute(_provider.SecretKey, server: true, transcript)));
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);

        var answer = await _connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        if (answer is Frame.Rejected rejected)
        {
            InboundLog.ClientRefused(_log, hello.From, rejected.Reason);
            return false;
        }

        if (answer is not Frame.ClientProof proof || !HandshakeProof.Verify(_provider.SecretKey, server: false, transcript, proof.Proof.Span))
        {
            await RefuseAsync(hello.From, "it does not hold the same secret (scheduler.remote.secret differs)", cancellationToken).ConfigureAwait(false);
            return false;
        }

        _peer = from;
        _peerUid = hello.FromUid;
        _connection.Send(Frame.Accepted.Instance);
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RefuseAsync(string peer, string reason, CancellationToken cancellationToken)
    {
        InboundLog.Refused(_log, peer, reason);
        _connection.Send(new Frame.Rejected(reason));
        await _connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Deliver(string recipientText, string senderText, string manifest, ReadOnlyMemory<byte> payload)
    {
        if (_provider.ResolveLocal(recipientText) is not { } recipient)
        {
            InboundLog.NotLocal(_log, _peer, recipientText);
            return;
        }

        if (!TryRead(manifest, payload, recipientText, out var message))
        {
            return;
        }

        recipient.Tell(message, ResolveSender(senderText));
    }

    private void DeliverSelection(Frame.Selection selection)
    {
        if (_provider.ResolveLocal(selection.Anchor) is null)
        {
            InboundLog.NotLocal(_log, _peer, selection.Anchor);
            return;
        }

        if (!TryRead(selection.Manifest, selection.Payload, selection.Anchor + "/" + selection.Elements, out var message))
        {
            return;
        }

        var elements = selection.Elements.Split('/', StringSplitOptions.RemoveEmptyEntries);
        new ActorSelection(_provider.System.RootRef, "/" + selection.Elements, elements).Tell(message, ResolveSender(selection.Sender));
    }

    private void DeliverSystem(Frame.SystemEnvelope system)
    {
        switch (system.What)
        {
            case SystemKind.Watch or SystemKind.Unwatch:
            {
                // The subject lives here, the watcher there.
                if (_provider.ResolveLocal(system.Subject) is not { } subject || _provider.ResolveAny(system.Watcher) is not { } watcher)
                {
                    InboundLog.NotLocal(_log, _peer, system.Subject);
                    return;
                }

                subject.SendSystemMessage(system.What == SystemKind.Watch
                    ? new SystemMessage.Watch(subject, watcher)
                    : new SystemMessage.Unwatch(subject, watcher));
                break;
            }

            case SystemKind.Terminated:
            {
                // The subject lived there and has stopped; the watcher lives here.
                if (_provider.ResolveLocal(system.Watcher) is not { } watcher || _provider.ResolveAny(system.Subject) is not { } subject)
                {
                    InboundLog.NotLocal(_log, _peer, system.Watcher);
                    return;
                }

                if (subject is Refs.RemoteActorRef remote)
                {
                    _provider.Watcher.Tell(new Watch.RemoteWatcher.WatcheeTerminated(remote, watcher), null);
                }

                watcher.SendSystemMessage(new SystemMessage.DeathWatchNotification(subject, system.ExistenceConfirmed));
                break;
            }
        }
    }

    private bool TryRead(string manifest, ReadOnlyMemory<byte> payload, string recipient, out object message)
    {
        try
        {
            message = _provider.System.Serialization.Deserialize(manifest, payload.Span);
            return true;
        }
        catch (SerializationException exception)
        {
            InboundLog.Unreadable(_log, _peer, recipient, exception.Message);
            message = null!;
            return false;
        }
    }

    private InternalActorRef? ResolveSender(string senderText) =>
        senderText.Length == 0 ? null : _provider.ResolveAny(senderText);

    private static partial class InboundLog
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Accepted {Peer} (incarnation {Uid}) from {Endpoint}")]
        public static partial void Accepted(ILogger logger, Address peer, long uid, string endpoint);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Refused a connection from {Peer}: {Reason}")]
        public static partial void Refused(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "{Peer} refused this node's proof: {Reason}")]
        public static partial void ClientRefused(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Dropped a frame from {Peer}: {Reason}")]
        public static partial void Malformed(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Dropped a message from {Peer} for {Recipient}: {Reason}")]
        public static partial void Unreadable(ILogger logger, Address peer, string recipient, string reason);

        [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Dropped a message from {Peer}: {Recipient} is not an actor path of this node")]
        public static partial void NotLocal(ILogger logger, Address peer, string recipient);

        [LoggerMessage(EventId = 26, Level = LogLevel.Error, Message = "Delivering a message from {Peer} failed")]
        public static partial void DeliveryFailed(ILogger logger, Address peer, Exception exception);
    }
}
