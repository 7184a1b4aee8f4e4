using Scheduler.Cluster.Leader;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Leader;

public sealed class LeaderActionsSpec
{
    private static readonly Dictionary<string, int> NoRoleMinimums = [];

    [Fact]
    public void Joining_members_become_up_in_address_order_with_increasing_up_numbers()
    {
        var gossip = Seen(M(1, upNumber: 1), M(3, MemberStatus.Joining), M(2, MemberStatus.Joining));

        var outcome = LeaderActions.OnConvergence(gossip, N(1), 1, NoRoleMinimums);

        outcome.Gossip.MemberOf(N(2))!.Should().Match<Member>(m => m.Status == MemberStatus.Up && m.UpNumber == 2);
        outcome.Gossip.MemberOf(N(3))!.Should().Match<Member>(m => m.Status == MemberStatus.Up && m.UpNumber == 3);
        outcome.Gossip.Seen.Should().Equal(N(1));
        outcome.Changed.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(3, 2, false)]
    [InlineData(2, 2, true)]
    [InlineData(1, 2, true)]
    public void Nobody_becomes_up_before_min_nr_of_members_have_joined(int minNrOfMembers, int joining, bool up)
    {
        var members = Enumerable.Range(1, joining).Select(n => M(n, MemberStatus.Joining)).ToArray();

        var outcome = LeaderActions.OnConvergence(Seen(members), N(1), minNrOfMembers, NoRoleMinimums);

        outcome.Gossip.Members.All(m => m.Status == MemberStatus.Up).Should().Be(up);
    }

    [Fact]
    public void Per_role_minimums_hold_back_up_until_met()
    {
        var gossip = Seen(M(1, MemberStatus.Joining, roles: "api"), M(2, MemberStatus.Joining, roles: "worker"));
        var twoWorkers = new Dictionary<string, int> { ["worker"] = 2 };

        LeaderActions.OnConvergence(gossip, N(1), 1, twoWorkers).IsChange.Should().BeFalse();
        var more = gossip.With(M(3, MemberStatus.Joining, roles: "worker"));
        LeaderActions.OnConvergence(more, N(1), 1, twoWorkers).Gossip.Members.Should().OnlyContain(m => m.Status == MemberStatus.Up);
    }

    [Fact]
    public void Leaving_becomes_exiting_and_exiting_and_down_are_removed_the_round_after()
    {
        var gossip = Seen(M(1), M(2, MemberStatus.Leaving), M(3, MemberStatus.Down), M(4, MemberStatus.Exiting));

        var outcome = LeaderActions.OnConvergence(gossip, N(1), 1, NoRoleMinimums);

        outcome.Gossip.MemberOf(N(2))!.Status.Should().Be(MemberStatus.Exiting);
        outcome.Gossip.HasMember(N(3)).Should().BeFalse();
        outcome.Gossip.HasMember(N(4)).Should().BeFalse();
        outcome.Gossip.Tombstones.Should().BeEquivalentTo([N(3), N(4)]);
        outcome.Removed.Select(m => m.UniqueAddress).Should().BeEquivalentTo([N(3), N(4)]);
    }

    [Fact]
    public void Nothing_to_do_leaves_the_gossip_as_it_is()
    {
        var gossip = Seen(M(1), M(2));

        LeaderActions.OnConvergence(gossip, N(1), 1, NoRoleMinimums).Gossip.Should().BeSameAs(gossip);
    }

    [Fact]
    public void Without_convergence_reachable_joiners_become_weakly_up()
    {
        var gossip = Seen(M(1), M(2), M(3, MemberStatus.Joining), M(4, MemberStatus.Joining));
        gossip = gossip with { Reachability = gossip.Reachability.Unreachable(N(1), N(2)).Unreachable(N(1), N(4)) };

        var outcome = LeaderActions.WeaklyUp(gossip, N(1));

        outcome.Gossip.MemberOf(N(3))!.Status.Should().Be(MemberStatus.WeaklyUp);
        outcome.Gossip.MemberOf(N(4))!.Status.Should().Be(MemberStatus.Joining, "it is unreachable");
    }
}
