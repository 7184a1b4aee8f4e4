using Scheduler.Cluster.Members;
using Scheduler.Cluster.Singleton;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Singleton;

public sealed class SingletonPlacementSpec
{
    [Fact]
    public void The_singleton_belongs_on_the_member_that_became_up_first_not_the_lowest_address() =>
        SingletonPlacement.Oldest([M(1, upNumber: 3), M(2, upNumber: 1), M(3, upNumber: 2)], role: null)!.UniqueAddress.Should().Be(N(2));

    [Theory]
    [InlineData(MemberStatus.Joining)]
    [InlineData(MemberStatus.WeaklyUp)]
    [InlineData(MemberStatus.Leaving)]
    [InlineData(MemberStatus.Exiting)]
    [InlineData(MemberStatus.Down)]
    public void Only_up_members_count_so_a_leaving_oldest_makes_way_while_it_hands_over(MemberStatus status) =>
        SingletonPlacement.Oldest([M(1, status, upNumber: 1), M(2, upNumber: 2)], role: null)!.UniqueAddress.Should().Be(N(2));

    [Fact]
    public void With_a_role_only_members_with_it_count()
    {
        var members = new[] { M(1, upNumber: 1), M(2, upNumber: 2, roles: "scheduler"), M(3, upNumber: 3, roles: "scheduler") };

        SingletonPlacement.Oldest(members, "scheduler")!.UniqueAddress.Should().Be(N(2));
        SingletonPlacement.Oldest(members, "reporting").Should().BeNull();
        SingletonPlacement.Oldest([], role: null).Should().BeNull();
    }
}
