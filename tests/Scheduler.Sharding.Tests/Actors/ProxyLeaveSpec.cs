using Scheduler.Actors;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Actors;

/// <summary>
/// A proxy hosts nothing, so it has nothing to hand off: messages it still holds for shards without a home do not
/// hold its node's leave (the region phase's timeout is an hour here, so waiting on them would fail the spec).
/// </summary>
public sealed class ProxyLeaveSpec(ITestOutputHelper output) : ShardingSpecBase(output, """
    scheduler.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 1h
    """)
{
    [Fact]
    public async Task A_proxy_holding_messages_that_found_no_home_does_not_hold_its_node_leave()
    {
        JoinSelf();
        var proxy = Sharding.StartProxy("elsewhere", "nobody-has-this-role", Extractor);
        foreach (var id in new[] { "x", "y", "z" })
        {
            proxy.Tell(To(id, "waits for a home that never comes"), TestActor);
        }

        proxy.Tell(GetShardRegionState.Instance, TestActor);
        ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(5)).Shards.Should().BeEmpty();

        await Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving).WaitAsync(TimeSpan.FromSeconds(30));
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
