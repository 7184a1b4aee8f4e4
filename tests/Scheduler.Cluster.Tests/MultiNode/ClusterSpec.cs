using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>Roles with fast cluster timings, and the steps most cluster specs share.</summary>
public abstract class ClusterSpec : MultiNodeSpec
{
    protected ClusterSpec(params string[] roles)
    {
        Roles = [.. roles.Select(Config.Role)];
        Config.CommonHocon = ClusterTimings.Fast;
    }

    protected IReadOnlyList<RoleName> Roles { get; }

    /// <summary>Every role joins the first; returns once this node sees all of them Up.</summary>
    protected async Task JoinAllAsync(MultiNodeTestKit node, string barrier)
    {
        ArgumentNullException.ThrowIfNull(node);
        var cluster = Cluster.Get(node.Sys);
        cluster.JoinSeedNodes([node.Node(Roles[0])]);
        AwaitMembersUp(node, Roles.Count);
        await node.EnterBarrierAsync(barrier);
    }

    /// <summary>Waits until this node sees <paramref name="count"/> members, all Up, and no unreachable one.</summary>
    protected static void AwaitMembersUp(MultiNodeTestKit node, int count)
    {
        ArgumentNullException.ThrowIfNull(node);
        var cluster = Cluster.Get(node.Sys);
        node.AwaitAssert(
            () =>
            {
                var state = cluster.State;
                state.Members.Should().HaveCount(count);
                state.Members.Should().OnlyContain(m => m.Status == MemberStatus.Up);
                state.Unreachable.Should().BeEmpty();
            },
            TimeSpan.FromSeconds(20));
    }

    /// <summary>Waits until this node's view no longer holds <paramref name="address"/>.</summary>
    protected static void AwaitRemoved(MultiNodeTestKit node, Address address)
    {
        ArgumentNullException.ThrowIfNull(node);
        var cluster = Cluster.Get(node.Sys);
        node.AwaitAssert(() => cluster.State.Members.Select(m => m.Address).Should().NotContain(address), TimeSpan.FromSeconds(20));
    }
}
