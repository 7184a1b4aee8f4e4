using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Gossip;

public sealed class ClusterGossipSpec
{
    [Theory]
    [InlineData(MemberStatus.Joining, MemberStatus.Up, MemberStatus.Up)]
    [InlineData(MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Leaving, MemberStatus.Exiting)]
    [InlineData(MemberStatus.Up, MemberStatus.Down, MemberStatus.Down)]
    [InlineData(MemberStatus.Down, MemberStatus.Exiting, MemberStatus.Down)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Joining, MemberStatus.WeaklyUp)]
    public void Merging_keeps_each_member_at_its_furthest_status(MemberStatus mine, MemberStatus theirs, MemberStatus expected)
    {
        var a = Seen(M(1), M(2, mine)).Increment(N(1));
        var b = Seen(M(1), M(2, theirs)).Increment(N(2));

        a.Merge(b).MemberOf(N(2))!.Status.Should().Be(expected);
        b.Merge(a).MemberOf(N(2))!.Status.Should().Be(expected);
    }

    [Fact]
    public void Merging_unites_members_and_clocks_and_clears_seen()
    {
        var a = Seen(M(1), M(2)).Increment(N(1));
        var b = Seen(M(1), M(3, MemberStatus.Joining)).Increment(N(3));

        var merged = a.Merge(b);

        merged.Members.Select(m => m.UniqueAddress).Should().Equal(N(1), N(2), N(3));
        merged.Version.Compare(a.Version).Should().Be(ClockOrder.After);
        merged.Version.Compare(b.Version).Should().Be(ClockOrder.After);
        merged.Seen.Should().BeEmpty();
    }

    [Fact]
    public void A_removed_member_stays_out_when_an_old_gossip_is_merged()
    {
        var old = Seen(M(1), M(2), M(3));
        var removed = old.Remove([N(3)]).Increment(N(1));

        removed.Merge(old).HasMember(N(3)).Should().BeFalse();
        old.Merge(removed).HasMember(N(3)).Should().BeFalse();
    }

    [Fact]
    public void Convergence_needs_every_up_and_leaving_member_to_have_seen_the_version()
    {
        var gossip = Seen(M(1), M(2), M(3, MemberStatus.Leaving), M(4, MemberStatus.Joining)).Increment(N(1));

        gossip.Convergence(N(1)).Should().BeFalse();
        gossip.SeenBy(N(2)).Convergence(N(1)).Should().BeFalse("the leaving member has not seen it");
        gossip.SeenBy(N(2)).SeenBy(N(3)).Convergence(N(1)).Should().BeTrue("a joining member need not have seen it");
    }

    [Theory]
    [InlineData(MemberStatus.Up, false)]
    [InlineData(MemberStatus.Leaving, false)]
    [InlineData(MemberStatus.Down, true)]
    [InlineData(MemberStatus.Exiting, true)]
    public void An_unreachable_member_blocks_convergence_unless_it_is_down_or_exiting(MemberStatus status, bool converges)
    {
        var gossip = Seen(M(1), M(2), M(3, status));
        gossip = gossip with { Reachability = gossip.Reachability.Unreachable(N(1), N(3)) };

        gossip.Convergence(N(1)).Should().Be(converges);
    }

    [Fact]
    public void The_leader_is_the_first_reachable_up_member_by_address()
    {
        var gossip = Seen(M(1, MemberStatus.Joining), M(2), M(3));

        gossip.Leader(N(3)).Should().Be(N(2), "a joining member leads only when nobody is up");
        var unreachable = gossip with { Reachability = gossip.Reachability.Unreachable(N(3), N(2)) };
        unreachable.Leader(N(3)).Should().Be(N(3));
        Seen(M(1, MemberStatus.Joining), M(2, MemberStatus.Joining)).Leader(N(2)).Should().Be(N(1));
        Seen(M(1, MemberStatus.Down), M(2, MemberStatus.Exiting)).Leader(N(1)).Should().BeNull();
    }

    [Fact]
    public void Role_leaders_are_chosen_among_members_with_the_role()
    {
        var gossip = Seen(M(1, roles: "api"), M(2, roles: "worker"), M(3, roles: ["api", "worker"]));

        gossip.RoleLeader("worker", N(1)).Should().Be(N(2));
        gossip.RoleLeader("api", N(1)).Should().Be(N(1));
        gossip.RoleLeader("none", N(1)).Should().BeNull();
    }

    [Fact]
    public void Merging_is_commutative_and_idempotent_on_random_histories()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var a = RandomGossip(random);
            var b = RandomGossip(random);

            var ab = a.Merge(b);
            var ba = b.Merge(a);
            ab.Members.Select(m => (m.UniqueAddress, m.Status)).Should().Equal(ba.Members.Select(m => (m.UniqueAddress, m.Status)));
            ab.Version.Should().Be(ba.Version);
            ab.Merge(ab).Members.Select(m => m.Status).Should().Equal(ab.Members.Select(m => m.Status));
        }
    }

    private static ClusterGossip RandomGossip(Random random)
    {
        var statuses = Enum.GetValues<MemberStatus>().Where(s => s != MemberStatus.Removed).ToArray();
        var gossip = ClusterGossip.Empty;
        for (var n = 1; n <= 5; n++)
        {
            if (random.Next(4) > 0)
            {
                gossip = gossip.With(M(n, statuses[random.Next(statuses.Length)]));
            }
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            gossip = gossip.Increment(N(random.Next(1, 6)));
        }

        return random.Next(5) == 0 ? gossip.Remove([N(random.Next(1, 6))]) : gossip;
    }
}
