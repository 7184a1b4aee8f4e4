using Scheduler.TestKit.MultiNode;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>Cluster settings for specs: the loopback timings, deciding partitions in one second instead of two.</summary>
internal static class ClusterTimings
{
    public const string Fast = LoopbackTimings.Hocon + "\nscheduler.cluster.split-brain-resolver.stable-after = 1s\n";
}
