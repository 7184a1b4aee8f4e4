using Scheduler.Actors;

namespace Scheduler.Remote;

/// <summary>Published when this node quarantines an incarnation of another node: it never talks to it again.</summary>
public sealed record QuarantinedEvent(Address Node, long Uid, string Reason);
