using Scheduler.Actors;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Messaging;

/// <summary>Nodes that do not share the secret, or that dial the wrong system, never exchange a message.</summary>
public sealed class SecretSpec(ITestOutputHelper output) : RemoteSpecBase(output, """scheduler.remote.secret = "alpha" """)
{
    [Fact]
    public void Nodes_with_the_same_secret_talk()
    {
        var friend = StartNode("friend", """scheduler.remote.secret = "alpha" """);
        var relay = friend.ActorOf(Props.Create(() => new Forwarder(friend.ResolveActorRef(PathOf(TestActor)))), "relay");

        Sys.ResolveActorRef(PathOf(relay)).Tell(new Ping("between friends"), ActorRefs.NoSender);

        ExpectMsg(new Ping("between friends"));
    }

    [Theory]
    [InlineData("beta")]
    [InlineData("")]
    public void A_node_with_another_secret_is_refused_by_both_sides_and_its_messages_become_dead_letters(string secret)
    {
        var stranger = StartNode("stranger", $"scheduler.remote.secret = \"{secret}\"");
        var strangerProbe = stranger.ResolveActorRef(PathOf(TestActor));

        // The stranger sees that this node's proof does not match; this node hears the stranger's refusal.
        EventFilter.Warning("refused this node's proof").ExpectOne(() =>
            EventFilter.Warning($"Handshake with {SysAddress} refused").ExpectOne(() =>
                strangerProbe.Tell(new Ping("let me in"), ActorRefs.NoSender)));

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_node_dialling_another_system_name_at_this_port_is_refused_with_both_names()
    {
        var confused = StartNode("confused", """scheduler.remote.secret = "alpha" """);
        var wrong = $"sched.tcp://billing@127.0.0.1:{SysAddress.Port}/user/x";

        // Both sides log it: this node refusing, and the dialling node hearing the refusal.
        EventFilter.Warning($"asked for sched.tcp://billing@127.0.0.1:{SysAddress.Port}, but this node is {SysAddress}").Expect(2, () =>
            confused.ResolveActorRef(wrong).Tell(new Ping("hello billing"), ActorRefs.NoSender));
    }
}
