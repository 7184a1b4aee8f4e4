namespace Scheduler.Remote.Wire;

/// <summary>
/// A decoded frame. Payloads may point into the connection's read buffer: a frame is handled before the reader
/// moves on, and anything kept longer is copied.
/// </summary>
internal abstract record Frame
{
    /// <summary>What kind of frame this is.</summary>
    public abstract FrameKind Kind { get; }

    /// <summary>A user message; <paramref name="Sender"/> is empty when there is none.</summary>
    public sealed record Message(string Recipient, string Sender, string Manifest, ReadOnlyMemory<byte> Payload) : Frame
    {
        public override FrameKind Kind => FrameKind.Message;
    }

    /// <summary>A user message for the actors matching <paramref name="Elements"/> (joined by '/') below <paramref name="Anchor"/>.</summary>
    public sealed record Selection(string Anchor, string Elements, string Sender, string Manifest, ReadOnlyMemory<byte> Payload) : Frame
    {
        public override FrameKind Kind => FrameKind.Selection;
    }

    /// <summary>
    /// A system message numbered <paramref name="Sequence"/> within the pair of incarnations it travels between.
    /// <paramref name="ExistenceConfirmed"/> matters only for <see cref="SystemKind.Terminated"/>.
    /// </summary>
    public sealed record SystemEnvelope(ulong Sequence, SystemKind What, string Subject, string Watcher, bool ExistenceConfirmed) : Frame
    {
        public override FrameKind Kind => FrameKind.System;
    }

    /// <summary>Every system message up to <paramref name="Sequence"/> has been delivered.</summary>
    public sealed record Ack(ulong Sequence) : Frame
    {
        public override FrameKind Kind => FrameKind.Ack;
    }

    /// <summary>A heartbeat of remote death watch.</summary>
    public sealed record Heartbeat : Frame
    {
        public static readonly Heartbeat Instance = new();

        public override FrameKind Kind => FrameKind.Heartbeat;
    }

    /// <summary>The answer to a heartbeat, naming the incarnation that answers.</summary>
    public sealed record HeartbeatResponse(long Uid) : Frame
    {
        public override FrameKind Kind => FrameKind.HeartbeatResponse;
    }

    /// <summary>Handshake opening: the client's address and incarnation, the address it wants, its nonce.</summary>
    public sealed record Hello(int ProtocolVersion, string From, long FromUid, string To, ReadOnlyMemory<byte> Nonce) : Frame
    {
        public override FrameKind Kind => FrameKind.Hello;
    }

    /// <summary>The server's address, incarnation, nonce, and its proof that it holds the secret.</summary>
    public sealed record Challenge(string From, long FromUid, ReadOnlyMemory<byte> Nonce, ReadOnlyMemory<byte> Proof) : Frame
    {
        public override FrameKind Kind => FrameKind.Challenge;
    }

    /// <summary>The client's proof that it holds the secret.</summary>
    public sealed record ClientProof(ReadOnlyMemory<byte> Proof) : Frame
    {
        public override FrameKind Kind => FrameKind.Proof;
    }

    /// <summary>The server accepts the client.</summary>
    public sealed record Accepted : Frame
    {
        public static readonly Accepted Instance = new();

        public override FrameKind Kind => FrameKind.Accepted;
    }

    /// <summary>The handshake is refused; the reason is logged by both sides.</summary>
    public sealed record Rejected(string Reason) : Frame
    {
        public override FrameKind Kind => FrameKind.Rejected;
    }
}
