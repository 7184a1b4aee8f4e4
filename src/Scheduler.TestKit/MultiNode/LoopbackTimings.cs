namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// Cluster and sharding timings for nodes on one machine: a failure is seen in about a second and decided two
/// seconds later, so a spec's failover takes seconds instead of the production defaults' tens of seconds.
/// </summary>
public static class LoopbackTimings
{
    /// <summary>HOCON to put first in a spec's common configuration.</summary>
    public const string Hocon = """
        scheduler.cluster {
          seed-node-timeout = 2s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          split-brain-resolver.stable-after = 2s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 1s
            expected-response-after = 500ms
          }
          sharding {
            retry-interval = 200ms
            rebalance-interval = 500ms
            handoff-timeout = 6s
          }
        }
        """;
}
