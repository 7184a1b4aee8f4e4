namespace Scheduler.Remote.Handshake;

/// <summary>What both sides of one handshake have seen; both proofs are computed over all of it.</summary>
internal sealed record HandshakeTranscript(
    string ClientAddress,
    long ClientUid,
    ReadOnlyMemory<byte> ClientNonce,
    string ServerAddress,
    long ServerUid,
    ReadOnlyMemory<byte> ServerNonce);
