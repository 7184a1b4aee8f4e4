using Scheduler.Actors;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Cell;

public sealed class ActorLifecycleSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class LifecycleActor : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly Guid _instance = Guid.NewGuid();
        private int _count;

        public LifecycleActor(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => Sender.Tell(++_count, Self), s => s == "count");
            Receive<string>(_ => Sender.Tell(_instance, Self), s => s == "instance");
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "fail");
        }

        protected override void PreStart() => _probe.Tell("prestart", Self);

        protected override void PostStop() => _probe.Tell("poststop", Self);

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"prerestart:{reason.Message}:{message}", Self);
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"postrestart:{reason.Message}", Self);
            base.PostRestart(reason);
        }
    }

    private static Props Lifecycle(IActorRef probe) => Props.Create(() => new LifecycleActor(probe));

    [Fact]
    public void Hooks_run_in_Akka_order_across_a_restart_and_a_stop()
    {
        var actor = Sys.ActorOf(Lifecycle(TestActor), "lifecycle");
        ExpectMsg("prestart");

        actor.Tell("count", TestActor);
        ExpectMsg(1);
        actor.Tell("count", TestActor);
        ExpectMsg(2);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail", TestActor));
        ExpectMsg("prerestart:boom:fail");
        ExpectMsg("poststop");
        ExpectMsg("postrestart:boom");
        ExpectMsg("prestart");

        actor.Tell("count", TestActor);
        ExpectMsg(1, TimeSpan.FromSeconds(3));

        Watch(actor);
        Sys.Stop(actor);
        ExpectMsg("poststop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_restart_builds_a_new_instance_and_keeps_the_ref()
    {
        var actor = Sys.ActorOf(Lifecycle(TestActor));
        ExpectMsg("prestart");
        actor.Tell("instance", TestActor);
        var first = ExpectMsg<Guid>();

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail", TestActor));
        FishForMessage<string>(m => m == "prestart");

        actor.Tell("instance", TestActor);
        ExpectMsg<Guid>().Should().NotBe(first);
        LastSender.Should().Be(actor);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "short-lived");
        Watch(actor);
        actor.Tell(PoisonPill.Instance, TestActor);
        ExpectTerminated(actor);

        actor.Tell("too late", TestActor);

        var letter = probe.ExpectMsg<DeadLetter>(d => Equals(d.Message, "too late"));
        letter.Recipient.Should().Be(actor);
        letter.Sender.Should().Be(TestActor);
    }

    [Fact]
    public void Tell_delivers_with_the_given_sender_and_Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));

        forwarder.Tell("hello", TestActor);

        ExpectMsg("hello");
        LastSender.Should().Be(echo, "the echo replied to the original sender, not to the forwarder");
    }

    [Fact]
    public void Kill_makes_the_actor_fail_with_ActorKilledException_and_the_default_strategy_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance, TestActor));
        ExpectTerminated(actor);
    }

    [Fact]
    public void Identify_is_answered_by_every_actor()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "identified");
        actor.Tell(new Identify(42), TestActor);
        ExpectMsg(new ActorIdentity(42, actor));
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<OnlyStringsActor>());
        actor.Tell(17, TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        unhandled.Message.Should().Be(17);
        unhandled.Recipient.Should().Be(actor);
    }

    [Fact]
    public void An_actor_constructed_with_new_fails_with_a_clear_error()
    {
        var act = () => new EchoActor();
        act.Should().Throw<ActorInitializationException>().WithMessage("*ActorOf*Props*");
    }

    [Fact]
    public void Children_are_created_found_by_name_and_stopped()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor)), "parent");
        parent.Tell(new ParentActor.Spawn("kid"), TestActor);
        var kid = ExpectMsg<IActorRef>();
        kid.Path.ToStringWithoutAddress().Should().Be("/user/parent/kid");

        parent.Tell(new ParentActor.Find("kid"), TestActor);
        ExpectMsg<ParentActor.Found>().Child.Should().Be(kid);

        Watch(kid);
        parent.Tell(new ParentActor.StopChild("kid"), TestActor);
        ExpectTerminated(kid);
        parent.Tell(new ParentActor.Find("kid"), TestActor);
        ExpectMsg<ParentActor.Found>().Child.Should().BeNull();
    }
}
