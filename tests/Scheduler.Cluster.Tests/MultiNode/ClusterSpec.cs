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

    /// <summary>Cuts every link between <paramref name="side"/> and <paramref name="otherSide"/>, both ways; the first role sends the commands.</summary>
    protected Task PartitionAsync(MultiNodeTestKit node, IReadOnlyCollection<RoleName> side, IReadOnlyCollection<RoleName> otherSide)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.RunOnAsync(
            async () =>
            {
                foreach (var a in side)
                {
                    foreach (var b in otherSide)
                    {
                        await node.TestConductor.BlackholeAsync(a, b, Direction.Both);
                    }
                }
            },
            Roles[0]);
    }

    /// <summary>
    /// Waits until the partition is resolved: on <paramref name="survivors"/>, the <paramref name="downed"/> side is
    /// removed and the survivors are all Up; on the downed side, this node was downed and has shut down.
    /// </summary>
    protected static async Task AwaitResolvedAsync(MultiNodeTestKit node, IReadOnlyCollection<RoleName> survivors, IReadOnlyCollection<RoleName> downed)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.RunOn(
            () =>
            {
                foreach (var gone in downed)
                {
                    AwaitRemoved(node, node.Node(gone));
                }

                AwaitMembersUp(node, survivors.Count);
            },
            [.. survivors]);
        await node.RunOnAsync(() => AwaitDownedAndTerminatedAsync(node), [.. downed]);
    }

    /// <summary>Waits until this node has been downed and its actor system has shut down.</summary>
    protected static async Task AwaitDownedAndTerminatedAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        await node.Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Cluster.Get(node.Sys).SelfMember!.Status.Should().Be(MemberStatus.Down, "the node shut down because it was downed");
    }

    /// <summary>Waits until this node's view no longer holds <paramref name="address"/>.</summary>
    protected static void AwaitRemoved(MultiNodeTestKit node, Address address)
    {
        ArgumentNullException.ThrowIfNull(node);
        var cluster = Cluster.Get(node.Sys);
        node.AwaitAssert(() => cluster.State.Members.Select(m => m.Address).Should().NotContain(address), TimeSpan.FromSeconds(20));
    }
}
