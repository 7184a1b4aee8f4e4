namespace Scheduler.Remote.Handshake;

/// <summary>A handshake that one side refused; the message names the peer and the reason.</summary>
internal sealed class HandshakeRefusedException(string message) : Exception(message);
