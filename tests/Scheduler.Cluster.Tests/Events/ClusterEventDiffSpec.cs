using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Events;

public sealed class ClusterEventDiffSpec
{
    [Theory]
    [InlineData(MemberStatus.Joining, typeof(ClusterEvent.MemberJoined))]
    [InlineData(MemberStatus.WeaklyUp, typeof(ClusterEvent.MemberWeaklyUp))]
    [InlineData(MemberStatus.Up, typeof(ClusterEvent.MemberUp))]
    [InlineData(MemberStatus.Leaving, typeof(ClusterEvent.MemberLeft))]
    [InlineData(MemberStatus.Exiting, typeof(ClusterEvent.MemberExited))]
    [InlineData(MemberStatus.Down, typeof(ClusterEvent.MemberDowned))]
    public void A_status_change_is_one_member_event(MemberStatus status, Type expected)
    {
        var before = Seen(M(1), M(2, MemberStatus.Joining));
        var after = Seen(M(1), M(2, status));

        var events = ClusterEventDiff.Diff(before, after, N(1));

        if (status == MemberStatus.Joining)
        {
            events.Should().BeEmpty();
            return;
        }

        events.Should().ContainSingle().Which.Should().BeOfType(expected);
    }

    [Fact]
    public void A_member_that_disappears_is_removed_with_its_previous_status()
    {
        var events = ClusterEventDiff.Diff(Seen(M(1), M(2, MemberStatus.Exiting)), Seen(M(1)), N(1));

        events.Should().ContainSingle().Which.Should().Be(new ClusterEvent.MemberRemoved(M(2, MemberStatus.Removed), MemberStatus.Exiting));
    }

    [Fact]
    public void The_first_view_of_a_cluster_gives_joins_and_the_leader()
    {
        var events = ClusterEventDiff.Diff(Scheduler.Cluster.Gossip.ClusterGossip.Empty, Seen(M(1), M(2, roles: "worker")), N(1));

        events.Should().Equal(
            new ClusterEvent.MemberUp(M(1)),
            new ClusterEvent.MemberUp(M(2)),
            new ClusterEvent.LeaderChanged(N(1).Address),
            new ClusterEvent.RoleLeaderChanged("worker", N(2).Address));
    }

    [Fact]
    public void Reachability_changes_are_events_and_the_leader_moves_past_an_unreachable_one()
    {
        var before = Seen(M(1), M(2), M(3));
        var after = before with { Reachability = before.Reachability.Unreachable(N(2), N(1)) };

        var events = ClusterEventDiff.Diff(before, after, N(2));
        events.Should().Equal(new ClusterEvent.UnreachableMember(M(1)), new ClusterEvent.LeaderChanged(N(2).Address));

        ClusterEventDiff.Diff(after, before, N(2)).Should().Equal(new ClusterEvent.ReachableMember(M(1)), new ClusterEvent.LeaderChanged(N(1).Address));
    }

    [Fact]
    public void The_state_shows_members_unreachable_ones_and_leaders()
    {
        var gossip = Seen(M(1), M(2, roles: "worker"), M(3, MemberStatus.Down));
        gossip = gossip with { Reachability = gossip.Reachability.Unreachable(N(1), N(2)).Unreachable(N(1), N(3)) };

        var state = ClusterEventDiff.State(gossip, N(1));

        state.Members.Should().HaveCount(3);
        state.Unreachable.Should().Equal(M(2));
        state.Leader.Should().Be(N(1).Address);
        state.RoleLeader("worker").Should().BeNull("its only member is unreachable");
    }
}
