using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Tasks;
using Scheduler.Remote;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Tasks;

/// <summary>
/// The node monitor tells task entities when their attempt's node is gone. A node that left is reported at once;
/// a downed one only after the down-removal margin (here the resolver's stable-after, 3 s), since a node cut off by
/// a partition may still be running its attempts until its own side decides.
/// </summary>
public sealed class NodeMonitorSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    UseFakeTime = true,
    Hocon = "scheduler.remote.port = 0\nscheduler.cluster.split-brain-resolver.stable-after = 3s",
    Setup = static setup => setup.WithRemoting(),
})
{
    private static readonly UniqueAddress Gone = new(new Address("sched.tcp", "elsewhere", "127.0.0.1", 2599), 7);

    private long _markers;

    private FakeTimeProvider Clock => FakeTime!;

    [Fact]
    public void A_downed_node_is_reported_only_once_the_removal_margin_has_passed()
    {
        var monitor = Sys.ActorOf(NodeMonitor.Props());
        monitor.Tell(new NodeMonitor.WatchNode(Gone), TestActor);
        monitor.Tell(Removed(Gone, MemberStatus.Down));
        AwaitProcessed(monitor);

        Clock.Advance(TimeSpan.FromMilliseconds(2900));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // An entity that asks within the margin waits for its end like the others.
        var late = CreateTestProbe();
        monitor.Tell(new NodeMonitor.WatchNode(Gone), late.Ref);
        AwaitProcessed(monitor);
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        ExpectMsg<TaskInput.NodeRemoved>().Node.Should().Be(Gone);
        late.ExpectMsg<TaskInput.NodeRemoved>().Node.Should().Be(Gone);
    }

    [Fact]
    public void A_node_that_left_is_reported_at_once()
    {
        var monitor = Sys.ActorOf(NodeMonitor.Props());
        monitor.Tell(new NodeMonitor.WatchNode(Gone), TestActor);
        monitor.Tell(Removed(Gone, MemberStatus.Exiting));

        ExpectMsg<TaskInput.NodeRemoved>().Node.Should().Be(Gone);
    }

    [Fact]
    public void A_watcher_that_unwatched_is_not_told()
    {
        var monitor = Sys.ActorOf(NodeMonitor.Props());
        monitor.Tell(new NodeMonitor.WatchNode(Gone), TestActor);
        monitor.Tell(new NodeMonitor.UnwatchNode(Gone), TestActor);
        monitor.Tell(Removed(Gone, MemberStatus.Exiting));

        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private static ClusterEvent.MemberRemoved Removed(UniqueAddress node, MemberStatus previous) =>
        new(new Member(node, MemberStatus.Removed, ImmutableHashSet<string>.Empty, 1), previous);

    // The monitor answers nothing but removals: a node that left is reported at once, so its report proves that
    // what was sent before it has been handled (before fake time moves on).
    private void AwaitProcessed(IActorRef monitor)
    {
        var marker = new UniqueAddress(new Address("sched.tcp", "marker", "127.0.0.1", 2598), Interlocked.Increment(ref _markers));
        var probe = CreateTestProbe();
        monitor.Tell(new NodeMonitor.WatchNode(marker), probe.Ref);
        monitor.Tell(Removed(marker, MemberStatus.Exiting));
        probe.ExpectMsg<TaskInput.NodeRemoved>();
    }
}
