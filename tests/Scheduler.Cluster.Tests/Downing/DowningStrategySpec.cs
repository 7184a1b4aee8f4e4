using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Members;
using static Scheduler.Cluster.Tests.Downing.Partitions;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Downing;

public sealed class DowningStrategySpec
{
    // Decisions as names: the tables are public for xunit, the decision type is internal.
    private const string Unreachable = nameof(DowningDecision.DownUnreachable);
    private const string Reachable = nameof(DowningDecision.DownReachable);

    public static TheoryData<int, int, int[], string> KeepMajorityTable => new()
    {
        // size, viewer, the other side, decision
        { 5, 1, [4, 5], Unreachable },
        { 5, 4, [1, 2, 3], Reachable },
        { 4, 1, [3, 4], Unreachable },  // equal split: the side with the lowest address stays
        { 4, 3, [1, 2], Reachable },
        { 2, 1, [2], Unreachable },
        { 2, 2, [1], Reachable },
        { 3, 1, [2, 3], Reachable },
        { 3, 2, [1], Unreachable },     // one member lost
    };

    [Theory]
    [MemberData(nameof(KeepMajorityTable))]
    public void Keep_majority_keeps_the_larger_side_and_on_a_tie_the_lowest_address(int size, int self, int[] other, string expected) =>
        new KeepMajority().Decide(Split(self, size, other)).Should().Be(Enum.Parse<DowningDecision>(expected));

    [Fact]
    public void Keep_majority_counts_only_members_with_its_role()
    {
        static Member Roles(int n) => M(n, roles: n >= 3 ? "a" : "b");

        new KeepMajority().Decide(Split(1, 4, [3, 4], member: Roles)).Should().Be(DowningDecision.DownUnreachable, "2 against 2, and 1 has the lowest address");
        new KeepMajority().Decide(Split(1, 4, [3, 4], "a", Roles)).Should().Be(DowningDecision.DownReachable, "every member with role a is on the other side");
    }

    [Fact]
    public void When_nobody_has_the_role_every_member_counts_so_the_two_sides_still_decide_differently()
    {
        new KeepMajority().Decide(Split(1, 3, [3], "nobody-has-it")).Should().Be(DowningDecision.DownUnreachable);
        new KeepMajority().Decide(Split(3, 3, [1, 2], "nobody-has-it")).Should().Be(DowningDecision.DownReachable);
        new KeepOldest(downIfAlone: false).Decide(Split(3, 3, [1, 2], "nobody-has-it")).Should().Be(DowningDecision.DownReachable);
    }

    [Fact]
    public void Keep_majority_does_not_count_joining_members()
    {
        static Member Joining3(int n) => n == 3 ? M(3, MemberStatus.Joining) : M(n);

        new KeepMajority().Decide(Split(1, 3, [2, 3], member: Joining3)).Should().Be(DowningDecision.DownUnreachable, "1 against 1 once the joining member is left out");
    }

    public static TheoryData<int, int, int[], string> StaticQuorumTable => new()
    {
        // quorum-size 3
        { 5, 1, [4, 5], Unreachable },
        { 5, 4, [1, 2, 3], Reachable },
        { 3, 1, [3], Reachable },      // two left, under the quorum: this side goes too
        { 4, 1, [4], Unreachable },
        { 6, 1, [4, 5, 6], nameof(DowningDecision.DownAll) }, // more than 2 * 3 - 1 members: both sides could have a quorum
    };

    [Theory]
    [MemberData(nameof(StaticQuorumTable))]
    public void Static_quorum_keeps_a_side_with_the_quorum(int size, int self, int[] other, string expected) =>
        new StaticQuorum(3).Decide(Split(self, size, other)).Should().Be(Enum.Parse<DowningDecision>(expected));

    public static TheoryData<bool, int, int[], string> KeepOldestTable => new()
    {
        // down-if-alone, viewer, the other side (five members; 1 is the oldest)
        { true, 1, [4, 5], Unreachable },
        { true, 4, [1, 2, 3], Reachable },
        { true, 1, [2, 3, 4, 5], Reachable },   // the oldest is alone: it goes, the rest stays
        { true, 2, [1], Unreachable },
        { false, 1, [2, 3, 4, 5], Unreachable },
        { false, 2, [1], Reachable },
        { true, 4, [1], Unreachable },
        { false, 4, [5], Unreachable },
    };

    [Theory]
    [MemberData(nameof(KeepOldestTable))]
    public void Keep_oldest_keeps_the_side_of_the_oldest_member(bool downIfAlone, int self, int[] other, string expected) =>
        new KeepOldest(downIfAlone).Decide(Split(self, 5, other)).Should().Be(Enum.Parse<DowningDecision>(expected));

    [Fact]
    public void Keep_oldest_goes_by_up_number_not_by_address()
    {
        // 5 became Up first.
        static Member Reversed(int n) => M(n, upNumber: 6 - n);

        new KeepOldest(downIfAlone: true).Decide(Split(1, 5, [4, 5], member: Reversed)).Should().Be(DowningDecision.DownReachable);
    }

    [Fact]
    public void Down_all_downs_everyone()
    {
        var view = Split(1, 5, [5]);

        new DownAll().Decide(view).Should().Be(DowningDecision.DownAll);
        view.NodesToDown(DowningDecision.DownAll).Should().HaveCount(5);
    }

    [Fact]
    public void Lease_majority_takes_a_lease_at_once_on_the_majority_side_and_after_a_delay_on_the_minority()
    {
        var strategy = new LeaseMajority(TimeSpan.FromSeconds(2));

        strategy.Decide(Split(1, 5, [4, 5])).Should().Be(DowningDecision.AcquireLease);
        strategy.AcquireDelay(Split(1, 5, [4, 5])).Should().Be(TimeSpan.Zero);
        strategy.AcquireDelay(Split(4, 5, [1, 2, 3])).Should().Be(TimeSpan.FromSeconds(2));
        strategy.AcquireDelay(Split(1, 4, [3, 4])).Should().Be(TimeSpan.Zero, "on a tie the side with the lowest address counts as the majority");
    }

    public static TheoryData<string> Strategies => ["keep-majority", "static-quorum", "keep-oldest", "down-all", "lease-majority"];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void With_only_broken_links_and_no_clean_partition_every_strategy_downs_the_indirectly_connected(string name)
    {
        DowningStrategy strategy = name switch
        {
            "keep-majority" => new KeepMajority(),
            "static-quorum" => new StaticQuorum(2),
            "keep-oldest" => new KeepOldest(downIfAlone: true),
            "down-all" => new DownAll(),
            _ => new LeaseMajority(TimeSpan.FromSeconds(1)),
        };

        // 1 and 3 cannot reach each other; seen from 1 (which 3 cannot reach either) and from 2 alike.
        var gossip = Partitioned([M(1), M(2), M(3)], (1, 3), (3, 1));
        foreach (var viewer in new[] { 1, 2 })
        {
            var view = PartitionView.From(gossip, N(viewer));
            strategy.Decide(view).Should().Be(DowningDecision.DownIndirectlyConnected);
            view.NodesToDown(DowningDecision.DownIndirectlyConnected).Should().Equal(N(1), N(3));
        }
    }

    [Fact]
    public void Indirectly_connected_members_beside_a_clean_partition_count_as_the_other_side_and_are_downed_too()
    {
        // Five members: 4 and 5 are cut off from 1; 2 and 3 cannot reach each other.
        var view = PartitionView.From(Partitioned([M(1), M(2), M(3), M(4), M(5)], (1, 4), (1, 5), (2, 3), (3, 2)), N(1));

        var decision = new KeepMajority().Decide(view);

        decision.Should().Be(DowningDecision.DownReachable, "only 1 is cleanly on this side, against four");
        view.NodesToDown(decision).Should().Equal(N(1), N(2), N(3));
    }
}
