namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>Cluster settings for specs: gossip, leader and failure detection in fractions of a second.</summary>
internal static class ClusterTimings
{
    public const string Fast = """
        scheduler.cluster {
          seed-node-timeout = 2s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          split-brain-resolver.stable-after = 1s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 1s
            expected-response-after = 500ms
          }
        }
        """;
}
