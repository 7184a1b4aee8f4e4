using System.Text;
using System.Text.Json;
using Scheduler.Actors.Serialization;
using Scheduler.Cluster.Core;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Core;

public sealed class ClusterMessageSerializationSpec
{
    private static readonly JsonMessageSerializer Json = JsonMessageSerializer.Default;

    [Fact]
    public void Gossip_survives_the_wire_whole()
    {
        var gossip = Seen(M(1, roles: "api"), M(2, MemberStatus.Leaving, roles: ["worker", "api"]), M(3, MemberStatus.Joining))
            .Remove([N(4)])
            .Increment(N(1))
            .Increment(N(2));
        gossip = gossip with { Reachability = gossip.Reachability.Unreachable(N(1), N(3)).Terminated(N(2), N(3)) };
        var envelope = new ClusterMessage.GossipEnvelope(N(1), N(2, uid: -42), gossip);

        var read = (ClusterMessage.GossipEnvelope)Json.Deserialize(Json.Serialize(envelope), typeof(ClusterMessage.GossipEnvelope));

        read.From.Should().Be(N(1));
        read.To.Should().Be(N(2, uid: -42));
        read.Gossip.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber, Roles: string.Join(",", m.Roles.Order(StringComparer.Ordinal))))
            .Should().Equal(gossip.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber, Roles: string.Join(",", m.Roles.Order(StringComparer.Ordinal)))));
        read.Gossip.Version.Compare(gossip.Version).Should().Be(ClockOrder.Same);
        read.Gossip.Seen.Should().BeEquivalentTo(gossip.Seen);
        read.Gossip.Tombstones.Should().BeEquivalentTo([N(4)]);
        read.Gossip.Reachability.Records.Should().BeEquivalentTo(gossip.Reachability.Records);
        read.Gossip.Reachability.Versions.Should().BeEquivalentTo(gossip.Reachability.Versions);
    }

    [Theory]
    [InlineData("\"sched.tcp://sys@127.0.0.1:2551\"")]
    [InlineData("\"sched.tcp://sys@127.0.0.1:2551#x\"")]
    [InlineData("\"not an address#1\"")]
    [InlineData("\"sched.tcp://sys@127.0.0.1:2551/user/a#1\"")]
    [InlineData("17")]
    public void A_malformed_unique_address_is_refused(string node)
    {
        var payload = Encoding.UTF8.GetBytes($$"""{"from":"sched.tcp://sys@127.0.0.1:2551","sequence":1,"node":{{node}},"roles":[]}""");

        var read = () => Json.Deserialize(payload, typeof(ClusterMessage.Join));

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_vector_clock_with_a_non_positive_version_is_refused()
    {
        var gossip = Json.Serialize(new ClusterMessage.Welcome(N(1), Seen(M(1)).Increment(N(1))));
        var tampered = Encoding.UTF8.GetString(gossip).Replace("#1\":1", "#1\":-5", StringComparison.Ordinal);

        var read = () => Json.Deserialize(Encoding.UTF8.GetBytes(tampered), typeof(ClusterMessage.Welcome));

        tampered.Should().Contain("-5");
        read.Should().Throw<JsonException>();
    }
}
