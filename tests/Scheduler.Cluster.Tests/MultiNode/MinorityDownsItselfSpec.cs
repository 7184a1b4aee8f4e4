using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// Five members split {1,2,3} | {4,5} by blackholing every link between the sides. Keep-majority on each side
/// reaches complementary decisions: the minority downs itself and shuts down, the majority downs the minority,
/// removes it and carries on with three members.
/// </summary>
public sealed class MinorityDownsItselfSpec : ClusterSpec
{
    public MinorityDownsItselfSpec()
        : base("first", "second", "third", "fourth", "fifth")
    {
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await JoinAllAsync(node, "all-up");
        var majority = Roles.Take(3).ToList();
        var minority = Roles.Skip(3).ToList();
        await PartitionAsync(node, majority, minority);
        await node.EnterBarrierAsync("partitioned");

        await AwaitResolvedAsync(node, majority, minority);
    }
}

/// <summary>
/// Four members split two against two. Keep-majority breaks the tie by address: the side holding the lowest
/// address carries on, the other downs itself.
/// </summary>
public sealed class EqualSplitSpec : ClusterSpec
{
    public EqualSplitSpec()
        : base("first", "second", "third", "fourth")
    {
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        await JoinAllAsync(node, "all-up");

        // The OS picks the ports, so which roles hold the lowest addresses is known only now.
        var byAddress = Roles.OrderBy(node.Node, AddressOrdering.Instance).ToList();
        var low = byAddress.Take(2).ToList();
        var high = byAddress.Skip(2).ToList();
        await PartitionAsync(node, low, high);
        await node.EnterBarrierAsync("partitioned");

        await AwaitResolvedAsync(node, low, high);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class PartitionTests(ITestOutputHelper output)
{
    [Fact]
    public Task Of_five_members_split_three_to_two_the_minority_downs_itself_and_the_majority_carries_on() =>
        MultiNodeRunner.RunAsync<MinorityDownsItselfSpec>(output);

    [Fact]
    public Task On_an_equal_split_the_side_with_the_lowest_address_carries_on() => MultiNodeRunner.RunAsync<EqualSplitSpec>(output);
}
