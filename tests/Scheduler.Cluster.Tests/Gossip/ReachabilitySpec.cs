using Scheduler.Cluster.Gossip;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Gossip;

public sealed class ReachabilitySpec
{
    [Fact]
    public void A_node_is_unreachable_while_any_observer_says_so()
    {
        var table = Reachability.Empty.Unreachable(N(1), N(3)).Unreachable(N(2), N(3));

        table.IsReachable(N(3)).Should().BeFalse();
        table.ObserversOf(N(3)).Should().BeEquivalentTo([N(1), N(2)]);
        table.Reachable(N(1), N(3)).IsReachable(N(3)).Should().BeFalse("node 2 still cannot reach it");
        table.Reachable(N(1), N(3)).Reachable(N(2), N(3)).IsReachable(N(3)).Should().BeTrue();
    }

    [Fact]
    public void Terminated_wins_and_is_final()
    {
        var table = Reachability.Empty.Unreachable(N(1), N(3)).Terminated(N(2), N(3));

        table.Status(N(3)).Should().Be(ReachabilityStatus.Terminated);
        table.Terminated(N(1), N(3)).Reachable(N(1), N(3)).Status(N(1), N(3)).Should().Be(ReachabilityStatus.Terminated);
    }

    [Fact]
    public void Merging_keeps_each_observers_latest_word()
    {
        var start = Reachability.Empty.Unreachable(N(1), N(3));
        var healed = start.Reachable(N(1), N(3));
        var other = start.Unreachable(N(2), N(4));
        var members = new HashSet<Scheduler.Cluster.Members.UniqueAddress> { N(1), N(2), N(3), N(4) };

        var merged = healed.Merge(members, other);

        merged.Status(N(1), N(3)).Should().Be(ReachabilityStatus.Reachable, "node 1's healing is newer than the stale row");
        merged.Status(N(2), N(4)).Should().Be(ReachabilityStatus.Unreachable);
        other.Merge(members, healed).Records.Should().BeEquivalentTo(merged.Records, "merging is symmetric");
    }

    [Fact]
    public void Merging_drops_rows_of_nodes_that_are_no_longer_members()
    {
        var table = Reachability.Empty.Unreachable(N(1), N(3)).Unreachable(N(3), N(2));

        var merged = table.Merge(new HashSet<Scheduler.Cluster.Members.UniqueAddress> { N(1), N(2) }, Reachability.Empty);

        merged.Records.Should().BeEmpty();
        table.Remove([N(3)]).Records.Should().BeEmpty();
    }

    [Fact]
    public void Repeating_the_current_status_changes_nothing()
    {
        var table = Reachability.Empty.Unreachable(N(1), N(3));

        table.Unreachable(N(1), N(3)).Should().BeSameAs(table);
        Reachability.Empty.Reachable(N(1), N(3)).Should().BeSameAs(Reachability.Empty);
    }
}
