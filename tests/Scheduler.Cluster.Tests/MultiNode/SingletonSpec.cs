using Scheduler.Actors;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.Cluster.Singleton;
using Scheduler.TestKit;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests.MultiNode;

/// <summary>
/// Four members, each running a singleton manager and a proxy. The singleton says which member it runs on, so a
/// spec can ask through any proxy where it is.
/// </summary>
public abstract class SingletonSpecBase : ClusterSpec
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected SingletonSpecBase()
        : base("first", "second", "third", "fourth") =>
        Config.Serialization = registry =>
        {
            registry.Register<WhereAreYou>("test.singleton.where-are-you");
            registry.Register<HereIAm>("test.singleton.here-i-am");
        };

    /// <summary>Starts the manager and a proxy on this node; returns the proxy.</summary>
    protected static IActorRef StartSingleton(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Sys.ActorOf(
            ClusterSingletonManager.Props(Props.Create(() => new Where()), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(node.Sys)),
            "scheduler");
        return node.Sys.ActorOf(ClusterSingletonProxy.Props("/user/scheduler", ClusterSingletonProxySettings.Create(node.Sys)), "proxy");
    }

    /// <summary>Asks the singleton through the proxy where it runs.</summary>
    protected static Address Ask(IActorRef proxy, TestProbe answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        proxy.Tell(new WhereAreYou(), answers.Ref);
        return answers.ExpectMsg<HereIAm>(Patience).Address;
    }

    /// <summary>The oldest Up member this node knows, other than those in <paramref name="except"/>.</summary>
    protected static Address OldestUp(Cluster cluster, params Address[] except)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && !except.Contains(m.Address))
            .Aggregate((a, b) => b.IsOlderThan(a) ? b : a)
            .Address;
    }

    public sealed record WhereAreYou;

    public sealed record HereIAm(Address Address);

    /// <summary>The singleton: says which member it runs on.</summary>
    private sealed class Where : ReceiveActor
    {
        public Where() => Receive<WhereAreYou>(_ => Sender.Tell(new HereIAm(Cluster.Get(Context.System).SelfAddress), Self));
    }
}

/// <summary>
/// The singleton runs on the oldest member; when that one leaves, the singleton is handed over to the next oldest;
/// when that one is killed, the resolver downs it and the singleton is started again on the next. Questions sent
/// through the proxies while it moves are held and answered from its new place.
/// </summary>
public sealed class SingletonSpec : SingletonSpecBase
{
    public override async Task RunAsync(MultiNodeTestKit node)
    {
        var cluster = Cluster.Get(node.Sys);
        await JoinAllAsync(node, "all-up");
        var proxy = StartSingleton(node);
        var answers = node.CreateTestProbe("answers");
        var events = node.CreateTestProbe("events");
        cluster.Subscribe(events.Ref, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberEvent));
        await node.EnterBarrierAsync("started");

        // The first formed the cluster, so it has been Up the longest.
        Ask(proxy, answers).Should().Be(node.Node(Roles[0]));
        await node.EnterBarrierAsync("on-first");

        node.RunOn(() => _ = node.Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving), Roles[0]);
        await node.RunOnAsync(() => node.Sys.WhenTerminated.WaitAsync(Patience), Roles[0]);
        var survivors = Roles.Skip(1).ToList();
        node.RunOn(
            () =>
            {
                events.FishForMessage<ClusterEvent.MemberLeft>(e => e.Member.Address.Equals(node.Node(Roles[0])), Patience);
                var next = OldestUp(cluster, node.Node(Roles[0]));
                Ask(proxy, answers).Should().Be(next, "the singleton was handed over to the next oldest");
            },
            [.. survivors]);
        await node.EnterBarrierAsync("moved-on-leave");

        var holder = survivors.First(role => node.Node(role).Equals(OldestUp(cluster, node.Node(Roles[0]))));
        var rest = survivors.Where(role => role != holder).ToList();
        await node.RunOnAsync(() => node.TestConductor.KillAsync(holder), rest[0]);
        node.RunOn(
            () =>
            {
                AwaitRemoved(node, node.Node(holder));
                var next = OldestUp(cluster, node.Node(holder));
                Ask(proxy, answers).Should().Be(next, "the singleton was started again on the next oldest once the crashed member was removed");
                rest.Select(node.Node).Should().Contain(next);
            },
            [.. rest]);
    }
}

[Collection(MultiNodeCollection.Name)]
public sealed class SingletonTests(ITestOutputHelper output)
{
    [Fact]
    public Task The_singleton_runs_on_the_oldest_is_handed_over_on_leave_and_started_again_after_a_crash() =>
        MultiNodeRunner.RunAsync<SingletonSpec>(output);
}
