namespace Scheduler.Actors.Coordination;

/// <summary>Which lease, for whom, and its timings (<c>scheduler.coordination.lease</c> in configuration).</summary>
/// <param name="LeaseName">The lease every competing owner names the same way.</param>
/// <param name="OwnerName">Who takes it; unique per process incarnation.</param>
/// <param name="HeartbeatTimeout">How long a lease lasts without renewal: after this, another owner may take it.</param>
/// <param name="HeartbeatInterval">How often a held lease is renewed; well under the timeout.</param>
/// <param name="OperationTimeout">How long one acquire, renew or release may take before it counts as failed.</param>
public sealed record LeaseSettings(string LeaseName, string OwnerName, TimeSpan HeartbeatTimeout, TimeSpan HeartbeatInterval, TimeSpan OperationTimeout);
