namespace Scheduler.Remote.Wire;

/// <summary>The first byte of every frame body: what the rest of the body holds.</summary>
internal enum FrameKind : byte
{
    /// <summary>A user message for one recipient path.</summary>
    Message = 1,

    /// <summary>A user message for whoever matches a selection below a root.</summary>
    Selection = 2,

    /// <summary>A numbered system message (watch, unwatch, death notice), acknowledged and redelivered.</summary>
    System = 3,

    /// <summary>Every system message up to a sequence number has arrived.</summary>
    Ack = 4,

    /// <summary>Are you there? (remote death watch).</summary>
    Heartbeat = 5,

    /// <summary>Yes, this incarnation is.</summary>
    HeartbeatResponse = 6,

    /// <summary>Handshake, client to server: who I am, whom I want, my nonce.</summary>
    Hello = 10,

    /// <summary>Handshake, server to client: who I am, my nonce, my proof of the secret.</summary>
    Challenge = 11,

    /// <summary>Handshake, client to server: my proof of the secret.</summary>
    Proof = 12,

    /// <summary>Handshake, server to client: welcome.</summary>
    Accepted = 13,

    /// <summary>Handshake, either way: refused, with the reason.</summary>
    Rejected = 14,
}
