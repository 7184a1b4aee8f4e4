using Scheduler.Actors;
using Scheduler.Sharding.Tests.Actors;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Queries;

/// <summary>Every query and answer may be asked of a region on another node, so each has a manifest and round-trips.</summary>
public sealed class QuerySerializationSpec(ITestOutputHelper output) : ShardingSpecBase(output)
{
    [Fact]
    public void Cluster_stats_and_entity_locations_round_trip_through_their_manifests()
    {
        _ = Sharding;
        var node = new Address("sched.tcp", "nodes", "10.0.0.7", 2552);
        var stats = new ClusterShardingStats(new Dictionary<Address, ShardRegionStats>
        {
            [node] = new(new Dictionary<string, int>(StringComparer.Ordinal) { ["3"] = 12, ["7"] = 1 }),
        });
        object[] messages =
        [
            new GetClusterShardingStats(TimeSpan.FromSeconds(3)),
            new GetEntityLocation("task-1", TimeSpan.FromSeconds(2)),
            new EntityLocation("task-1", "7", node, TestActor),
            new EntityLocation("task-2", "8", null, null),
        ];

        var read = (ClusterShardingStats)RoundTrip(stats);
        read.Regions.Keys.Should().Equal(node);
        read.Regions[node].Stats.Should().BeEquivalentTo(stats.Regions[node].Stats);
        foreach (var message in messages)
        {
            RoundTrip(message).Should().Be(message);
        }
    }

    private object RoundTrip(object message)
    {
        var serialized = Sys.Serialization.Serialize(message);
        return Sys.Serialization.Deserialize(serialized.Manifest, serialized.Payload.Span);
    }
}
