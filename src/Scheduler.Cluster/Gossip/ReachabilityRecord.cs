using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Gossip;

/// <summary>One row of the reachability table: what <paramref name="Observer"/> says of <paramref name="Subject"/>, as of the observer's <paramref name="Version"/>.</summary>
internal sealed record ReachabilityRecord(UniqueAddress Observer, UniqueAddress Subject, ReachabilityStatus Status, long Version);
