using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Transport;

/// <summary>What a connection's read loop hands its frames to. None of these may throw.</summary>
internal interface IFrameHandler
{
    /// <summary>A decoded frame; its payload is valid only during the call.</summary>
    void OnFrame(Frame frame);

    /// <summary>A frame that did not decode or was too large; it has been skipped.</summary>
    void OnMalformed(string reason);

    /// <summary>Every frame of one read has been handed over: a moment to answer (acks, heartbeats) in one flush.</summary>
    ValueTask OnBatchEndAsync();
}
