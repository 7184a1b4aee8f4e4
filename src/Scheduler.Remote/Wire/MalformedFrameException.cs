namespace Scheduler.Remote.Wire;

/// <summary>A frame body that does not decode; the frame is dropped and the connection reads on.</summary>
internal sealed class MalformedFrameException(string message) : Exception(message);
