using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Delivery;

/// <summary>A system message waiting for its acknowledgement, with when it was first sent.</summary>
internal sealed record PendingSystemMessage(Frame.SystemEnvelope Frame, TimeSpan EnqueuedAt);
