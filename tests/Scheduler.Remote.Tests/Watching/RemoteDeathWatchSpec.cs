using Scheduler.Actors;
using Scheduler.Remote.Tests.Messaging;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Watching;

public sealed class RemoteDeathWatchSpec(ITestOutputHelper output) : RemoteSpecBase(output, FastWatch)
{
    [Fact]
    public void Watching_a_remote_actor_that_stops_delivers_Terminated_with_existence_confirmed()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);
        other.Stop(other.ResolveActorRef(remote.Path.ToSerializationFormat()));

        ExpectTerminated(remote).ExistenceConfirmed.Should().BeTrue();
    }

    [Fact]
    public void Watching_a_remote_path_where_nobody_lives_delivers_Terminated_at_once()
    {
        var other = StartNode("other", FastWatch);
        var nobody = Sys.ResolveActorRef($"{Remoting.Get(other).Address}/user/nobody#5");

        Watch(nobody);

        ExpectTerminated(nobody).ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public void After_Unwatch_the_remote_actor_stopping_delivers_nothing()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);

        Unwatch(remote);
        remote.Tell(new Ping("still there"), TestActor);
        ExpectMsg<Pong>(); // the unwatch went out before this round trip ended
        other.Stop(other.ResolveActorRef(remote.Path.ToSerializationFormat()));

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void An_actor_on_another_node_can_watch_an_actor_here()
    {
        var other = StartNode("other", FastWatch);
        var local = Sys.ActorOf(Props.Create<Responder>(), "watched-here");
        var reporter = other.ResolveActorRef(PathOf(TestActor));
        other.ActorOf(Props.Create(() => new WatchAndReport(other.ResolveActorRef(PathOf(local)), reporter)), "watcher");
        ExpectMsg("watching");

        Sys.Stop(local);

        ExpectMsg("terminated watched-here");
    }

    [Fact]
    public void A_node_that_falls_silent_ends_in_Terminated_without_confirmation_and_is_quarantined()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);
        Sys.EventStream.Subscribe<QuarantinedEvent>(TestActor);

        // The node's actors live on, but its sockets close: no death notice can come, only silence.
        Remoting.Get(other).Provider.Shutdown();

        ExpectTerminated(remote, TimeSpan.FromSeconds(10)).ExistenceConfirmed.Should().BeFalse();
        var quarantined = ExpectMsg<QuarantinedEvent>();
        quarantined.Node.Should().Be(Remoting.Get(other).Address);
        quarantined.Uid.Should().Be(Remoting.Get(other).Uid);
    }

    [Fact]
    public void A_cluster_member_that_falls_silent_is_ended_only_by_its_quarantine_not_by_missed_heartbeats()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);
        var otherNode = Remoting.Get(other);
        Remoting.Get(Sys).Provider.Watcher.Tell(new Watch.RemoteWatcher.ClusterMembersChanged(new HashSet<Address> { otherNode.Address, SysAddress }), ActorRefs.NoSender);

        // Silence from a member is for the cluster's failure detector and resolver to judge, so the watch stays
        // well past the point (about a second and a half here) where a plain node would have been given up.
        Remoting.Get(other).Provider.Shutdown();
        ExpectNoMsg(TimeSpan.FromSeconds(4));

        // The cluster removed it and quarantines its incarnation: now the watch ends.
        Remoting.Get(Sys).Quarantine(otherNode.Address, otherNode.Uid, "it was removed from the cluster");
        ExpectTerminated(remote, TimeSpan.FromSeconds(10)).ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public void A_member_removed_from_the_cluster_ends_the_watches_of_its_actors_at_once_even_while_it_answers()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);
        var watcher = Remoting.Get(Sys).Provider.Watcher;
        watcher.Tell(new Watch.RemoteWatcher.ClusterMembersChanged(new HashSet<Address> { Remoting.Get(other).Address, SysAddress }), ActorRefs.NoSender);

        // Its heartbeats still answer, but the cluster removed it: nothing there may be waited for any longer.
        watcher.Tell(new Watch.RemoteWatcher.ClusterMembersChanged(new HashSet<Address> { SysAddress }), ActorRefs.NoSender);

        ExpectTerminated(remote, TimeSpan.FromSeconds(10)).ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task A_terminated_node_ends_every_watch_of_its_actors()
    {
        var other = StartNode("other", FastWatch);
        var first = WatchedResponder(other, "first");
        var second = WatchedResponder(other, "second");

        await other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var ended = new[] { ExpectMsg<Terminated>(TimeSpan.FromSeconds(10)), ExpectMsg<Terminated>(TimeSpan.FromSeconds(10)) };
        ended.Select(terminated => terminated.ActorRef).Should().BeEquivalentTo([first, second]);
    }

    private sealed class WatchAndReport : ReceiveActor
    {
        public WatchAndReport(IActorRef subject, IActorRef reporter)
        {
            Context.Watch(subject);
            reporter.Tell("watching", Self);
            Receive<Terminated>(terminated => reporter.Tell($"terminated {terminated.ActorRef.Path.Name}", Self));
        }
    }
}
