using Scheduler.Actors;
using Scheduler.Remote.Tests.Messaging;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Watching;

public sealed class QuarantineSpec(ITestOutputHelper output) : RemoteSpecBase(output, FastWatch)
{
    [Fact]
    public async Task A_quarantined_incarnation_ends_its_watches_and_never_talks_to_this_node_again()
    {
        var other = StartNode("other", FastWatch);
        var remote = WatchedResponder(other);
        var told = new TaskCompletionSource<ThisActorSystemQuarantinedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        other.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(other.ActorOf(Props.Create(() => new Completer(told)), "listener"));
        var otherNode = Remoting.Get(other);

        Remoting.Get(Sys).Quarantine(otherNode.Address, otherNode.Uid, "the test says so");
        ExpectTerminated(remote).ExistenceConfirmed.Should().BeFalse();

        // The quarantined node tries again: it is refused and learns it was quarantined.
        other.ResolveActorRef(PathOf(TestActor)).Tell(new Ping("after"), ActorRefs.NoSender);
        var notice = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        notice.Remote.Should().Be(SysAddress);
        notice.Reason.Should().Contain("quarantined");
        remote.Tell(new Ping("to a quarantined node"), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_new_incarnation_at_the_same_address_is_welcome_and_the_old_one_is_quarantined()
    {
        var first = StartNode("again", FastWatch);
        var address = Remoting.Get(first).Address;
        var oldUid = Remoting.Get(first).Uid;
        WatchedResponder(first);
        await first.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        ExpectMsg<Terminated>(TimeSpan.FromSeconds(10));

        // The first node's port came from the ephemeral range: until the second binds it, any outgoing connection of
        // this machine may take it as its source port for a while, so binding is tried until it succeeds.
        ActorSystem? second = null;
        AwaitAssert(() => second = StartNode("again", FastWatch + $"\nscheduler.remote.port = {address.Port}"), TimeSpan.FromSeconds(10));

        second!.ActorOf(Props.Create<Responder>(), "responder");
        var reborn = Sys.ResolveActorRef($"{address}/user/responder");

        // Messages to the address are dropped while the gate left by the dead incarnation is closed, so ask until answered.
        AwaitAssert(() =>
        {
            reborn.Tell(new Ping("second life"), TestActor);
            FishForMessage<object>(message => message is Pong, TimeSpan.FromMilliseconds(500)).Should().Be(new Pong("second life", "again"));
        }, TimeSpan.FromSeconds(10));
        Remoting.Get(Sys).PeerUid(address).Should().Be(Remoting.Get(second).Uid).And.NotBe(oldUid);
    }

    private sealed class Completer : ReceiveActor
    {
        public Completer(TaskCompletionSource<ThisActorSystemQuarantinedEvent> completion) =>
            Receive<ThisActorSystemQuarantinedEvent>(notice => completion.TrySetResult(notice));
    }
}
