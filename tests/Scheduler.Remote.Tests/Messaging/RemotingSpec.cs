using Scheduler.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Messaging;

public sealed class RemotingSpec(ITestOutputHelper output) : RemoteSpecBase(output)
{
    [Fact]
    public void Paths_carry_the_bound_address_and_a_port_was_chosen()
    {
        SysAddress.Protocol.Should().Be("sched.tcp");
        SysAddress.Port.Should().BeGreaterThan(0);
        Sys.Address.Should().Be(SysAddress);
        TestActor.Path.Address.Should().Be(SysAddress);
    }

    [Fact]
    public void Tell_reaches_an_actor_on_another_node_and_its_reply_comes_back()
    {
        var other = StartNode("other");
        var responder = other.ActorOf(Props.Create<Responder>(), "responder");

        var remote = Sys.ResolveActorRef(PathOf(responder));
        remote.Tell(new Ping("hello"), TestActor);

        ExpectMsg<Pong>().Should().Be(new Pong("hello", "other"));
        LastSender.Path.Should().Be(responder.Path);
    }

    [Fact]
    public async Task Ask_works_across_nodes_and_a_remote_failure_becomes_an_exception()
    {
        var other = StartNode("other");
        var responder = other.ActorOf(Props.Create<Responder>(), "responder");
        var remote = Sys.ResolveActorRef(PathOf(responder));

        var pong = await remote.Ask<Pong>(new Ping("asked"), TimeSpan.FromSeconds(5));
        var failing = () => remote.Ask<Pong>(new Fail("no such task"), TimeSpan.FromSeconds(5));

        pong.Should().Be(new Pong("asked", "other"));
        var thrown = await failing.Should().ThrowAsync<RemoteFailureException>();
        thrown.Which.Message.Should().Be("no such task");
        thrown.Which.OriginalType.Should().Be(typeof(InvalidOperationException).FullName);
    }

    [Fact]
    public void Forward_across_two_hops_keeps_the_original_sender()
    {
        var middle = StartNode("middle");
        var last = StartNode("last");
        var responder = last.ActorOf(Props.Create<Responder>(), "responder");
        var forwarder = middle.ActorOf(Props.Create(() => new Forwarder(middle.ResolveActorRef(PathOf(responder)))), "forwarder");

        Sys.ResolveActorRef(PathOf(forwarder)).Tell(new Ping("via middle"), TestActor);

        ExpectMsg<Pong>().Node.Should().Be("last");
    }

    [Fact]
    public void A_ref_inside_a_message_reaches_a_third_node()
    {
        var second = StartNode("second");
        var third = StartNode("third");
        var responder = second.ActorOf(Props.Create<Responder>(), "responder");
        var thirdProbe = third.ActorOf(Props.Create(() => new Forwarder(third.ResolveActorRef(PathOf(TestActor)))), "relay");

        Sys.ResolveActorRef(PathOf(responder)).Tell(new Carry("to the relay", Sys.ResolveActorRef(PathOf(thirdProbe))), TestActor);

        ExpectMsg<Pong>().Should().Be(new Pong("to the relay", "second"));
    }

    [Fact]
    public async Task A_selection_of_a_remote_path_finds_actors_by_wildcard_and_resolves_one()
    {
        var other = StartNode("other");
        other.ActorOf(Props.Create<Responder>(), "worker-1");
        other.ActorOf(Props.Create<Responder>(), "worker-2");
        var root = Remoting.Get(other).Address;

        Sys.ActorSelection($"{root}/user/worker-*").Tell(new Identify("who"), TestActor);
        var found = ReceiveN(2).Cast<ActorIdentity>().ToList();
        var one = await Sys.ActorSelection($"{root}/user/worker-2").ResolveOne(TimeSpan.FromSeconds(5));
        var none = () => Sys.ActorSelection($"{root}/user/nobody").ResolveOne(TimeSpan.FromSeconds(5));

        found.Select(identity => identity.MessageId).Should().AllBeEquivalentTo("who");
        found.Select(identity => identity.Subject!.Path.Name).Should().BeEquivalentTo("worker-1", "worker-2");
        one.Tell(new Ping("found"), TestActor);
        ExpectMsg<Pong>().Node.Should().Be("other");
        await none.Should().ThrowAsync<ActorNotFoundException>();
    }

    [Fact]
    public void Many_messages_arrive_in_the_order_they_were_sent()
    {
        var other = StartNode("other");
        var relay = other.ActorOf(Props.Create(() => new Forwarder(other.ResolveActorRef(PathOf(TestActor)))), "relay");
        var remote = Sys.ResolveActorRef(PathOf(relay));

        for (var i = 0; i < 5_000; i++)
        {
            remote.Tell(i, ActorRefs.NoSender);
        }

        ReceiveN(5_000, TimeSpan.FromSeconds(30)).Should().Equal(Enumerable.Range(0, 5_000).Cast<object>());
    }

    [Fact]
    public void A_message_for_an_actor_that_is_not_there_becomes_a_dead_letter_on_its_node()
    {
        var other = StartNode("other");
        var testActor = other.ResolveActorRef(PathOf(TestActor));
        var relay = other.ActorOf(Props.Create(() => new DeadLetterRelay(testActor)), "letters");
        other.EventStream.Subscribe<DeadLetter>(relay);

        Sys.ResolveActorRef($"{Remoting.Get(other).Address}/user/gone#42").Tell(new Ping("nobody home"), ActorRefs.NoSender);

        ExpectMsg("dead letter: Ping { Text = nobody home }");
    }

    private sealed class DeadLetterRelay : ReceiveActor
    {
        public DeadLetterRelay(IActorRef target) => Receive<DeadLetter>(letter => target.Tell($"dead letter: {letter.Message}", Self));
    }
}
