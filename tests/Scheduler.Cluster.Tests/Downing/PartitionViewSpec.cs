using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Downing.Partitions;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Downing;

public sealed class PartitionViewSpec
{
    [Fact]
    public void Unreachable_members_are_those_any_observer_cannot_reach_but_never_the_node_itself()
    {
        // 2 cannot reach 1 (the viewer) and 3: from 1's side, 3 is unreachable, and 1 does not count itself.
        var view = PartitionView.From(Partitioned([M(1), M(2), M(3)], (2, 1), (2, 3)), N(1));

        view.Unreachable.Should().BeEquivalentTo([N(3)]);
        view.IndirectlyConnected.Should().BeEmpty();
        view.HasUnreachable.Should().BeTrue();
    }

    [Fact]
    public void A_member_that_cannot_reach_someone_while_someone_cannot_reach_it_is_indirectly_connected()
    {
        // The link 1-3 is broken both ways; 2 reaches everyone.
        var view = PartitionView.From(Partitioned([M(1), M(2), M(3)], (1, 3), (3, 1)), N(2));

        view.IndirectlyConnected.Should().BeEquivalentTo([N(1), N(3)]);
        view.CountedReachable.Select(m => m.UniqueAddress).Should().Equal(N(2));
        view.CountedUnreachable.Select(m => m.UniqueAddress).Should().Equal(N(1), N(3));
    }

    [Fact]
    public void Joining_weakly_up_and_role_less_members_do_not_count_and_down_members_are_left_out()
    {
        var gossip = Partitioned(
            [M(1, roles: "worker"), M(2, roles: "worker"), M(3, MemberStatus.Joining, roles: "worker"), M(4, MemberStatus.WeaklyUp, roles: "worker"), M(5), M(6, MemberStatus.Down, roles: "worker")],
            (1, 2));

        var view = PartitionView.From(gossip, N(1), "worker");

        view.Members.Select(m => m.UniqueAddress).Should().Equal(N(1), N(2), N(3), N(4), N(5));
        view.Counted.Select(m => m.UniqueAddress).Should().Equal(N(1), N(2));
    }

    [Fact]
    public void Reachability_rows_about_downed_members_are_ignored()
    {
        var gossip = Partitioned([M(1), M(2), M(3, MemberStatus.Down)], (1, 3), (3, 1));

        var view = PartitionView.From(gossip, N(1));

        view.HasUnreachable.Should().BeFalse("a downed member is already dealt with and waits only to be removed");
    }

    public static TheoryData<string, int[]> Downed => new()
    {
        // Members 1..5; the viewer is 1; 4 and 5 are unreachable; 2 and 3 have a broken link between them.
        { nameof(DowningDecision.DownUnreachable), [2, 3, 4, 5] },
        { nameof(DowningDecision.DownReachable), [1, 2, 3] },
        { nameof(DowningDecision.DownAll), [1, 2, 3, 4, 5] },
        { nameof(DowningDecision.DownIndirectlyConnected), [2, 3] },
    };

    [Theory]
    [MemberData(nameof(Downed))]
    public void Each_decision_downs_its_side_and_always_the_indirectly_connected(string decision, int[] expected)
    {
        var view = PartitionView.From(Partitioned([M(1), M(2), M(3), M(4), M(5)], (1, 4), (1, 5), (2, 3), (3, 2)), N(1));

        view.NodesToDown(Enum.Parse<DowningDecision>(decision)).Should().Equal(expected.Select(n => N(n)));
    }

    [Fact]
    public void A_lease_decision_cannot_be_turned_into_downs_before_the_lease_is_settled()
    {
        var view = Split(1, 3, [3]);

        var act = () => view.NodesToDown(DowningDecision.AcquireLease);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*lease*");
    }
}
