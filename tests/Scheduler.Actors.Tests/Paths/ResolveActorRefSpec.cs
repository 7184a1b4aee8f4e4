using Scheduler.Actors.Serialization;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Paths;

public sealed class ResolveActorRefSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Serialization = registry => registry.Register<ResolveActorRefSpec.Note>("resolve-spec-reply"),
})
{
    public sealed record Note(string Text, IActorRef? To);

    [Fact]
    public void A_path_with_its_incarnation_resolves_to_the_live_actor()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        var resolved = Sys.ResolveActorRef(echo.Path.ToSerializationFormat());

        resolved.Should().Be(echo);
        resolved.Tell("ping", TestActor);
        ExpectMsg("ping");
    }

    [Fact]
    public void A_path_of_a_stopped_incarnation_resolves_to_a_ref_that_dead_letters_and_answers_a_watch()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "again");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        // The watcher may hear of the stop before /user has let go of the name: it is free once /user has processed it.
        IActorRef? second = null;
        AwaitCondition(() =>
        {
            try
            {
                second = Sys.ActorOf(Props.Create<EchoActor>(), "again");
                return true;
            }
            catch (InvalidActorNameException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(5));
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        var stale = Sys.ResolveActorRef(first.Path.ToSerializationFormat());
        stale.Tell("lost", TestActor);

        stale.Should().NotBe(second!);
        ExpectMsg<DeadLetter>().Message.Should().Be("lost");
        Watch(stale);
        ExpectTerminated(stale).ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public void A_path_nobody_lives_at_answers_Identify_with_no_subject()
    {
        var missing = Sys.ResolveActorRef(Sys.Address + "/user/nobody");

        missing.Tell(new Identify(7), TestActor);

        ExpectMsg<ActorIdentity>().Subject.Should().BeNull();
    }

    [Fact]
    public void Without_remoting_a_path_of_another_system_resolves_to_a_dead_letter_ref()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        Sys.ResolveActorRef("sched.tcp://elsewhere@127.0.0.1:2552/user/a").Tell("far", TestActor);

        ExpectMsg<DeadLetter>().Message.Should().Be("far");
    }

    [Fact]
    public void An_actor_ref_inside_a_message_survives_serialization_and_still_reaches_the_actor()
    {
        var serialized = Sys.Serialization.Serialize(new Note("hi", TestActor));

        var read = (Note)Sys.Serialization.Deserialize(serialized.Manifest, serialized.Payload.Span);

        read.To.Should().Be(TestActor);
        read.To!.Tell("through the copy", ActorRefs.NoSender);
        ExpectMsg("through the copy");
    }

    [Fact]
    public void A_null_ref_stays_null_and_a_registry_without_a_system_refuses_to_read_a_ref()
    {
        var serialized = Sys.Serialization.Serialize(new Note("none", null));
        ((Note)Sys.Serialization.Deserialize(serialized.Manifest, serialized.Payload.Span)).To.Should().BeNull();

        var standalone = new SerializationRegistry();
        standalone.Register<Note>("resolve-spec-reply");
        var withRef = Sys.Serialization.Serialize(new Note("hi", TestActor));
        var act = () => standalone.Deserialize(withRef.Manifest, withRef.Payload.Span);

        act.Should().Throw<SerializationException>().WithMessage("*can only be read through an actor system*");
    }

    [Fact]
    public void A_malformed_path_inside_a_message_is_a_clear_serialization_error()
    {
        var payload = """{"text":"x","to":"not a path"}"""u8.ToArray();

        var act = () => Sys.Serialization.Deserialize("resolve-spec-reply", payload);

        act.Should().Throw<SerializationException>().WithMessage("*'not a path' is not an actor path*");
    }
}
