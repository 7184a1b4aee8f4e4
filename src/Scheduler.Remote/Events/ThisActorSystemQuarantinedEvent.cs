using Scheduler.Actors;

namespace Scheduler.Remote;

/// <summary>
/// Published when another node refuses this one because it quarantined this incarnation. The node cannot rejoin
/// that peer without restarting (a new incarnation); the cluster layer reacts by shutting this node down.
/// </summary>
public sealed record ThisActorSystemQuarantinedEvent(Address Local, Address Remote, string Reason);
