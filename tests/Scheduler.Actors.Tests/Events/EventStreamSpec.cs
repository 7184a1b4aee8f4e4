using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Events;

public sealed class EventStreamSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    UseFakeTime = true,
    Hocon = "scheduler.actor { log-dead-letters = 3, log-dead-letters-suspend-duration = 1m }",
})
{
    private abstract record Animal;

    private sealed record Dog(string Name) : Animal;

    private sealed record Cat(string Name) : Animal;

    [Fact]
    public void A_subscriber_receives_events_of_its_type_and_subtypes_only()
    {
        var animals = CreateTestProbe();
        var dogs = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(animals.Ref).Should().BeTrue();
        Sys.EventStream.Subscribe<Dog>(dogs.Ref).Should().BeTrue();
        Sys.EventStream.Subscribe<Dog>(dogs.Ref).Should().BeFalse("a second identical subscription changes nothing");

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Cat("tom"));
        Sys.EventStream.Publish("not an animal");

        animals.ExpectMsg(new Dog("rex"));
        animals.ExpectMsg(new Cat("tom"));
        dogs.ExpectMsg(new Dog("rex"));
        dogs.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        animals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribe_ends_one_subscription_or_all_of_them()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<Dog>(probe.Ref);
        Sys.EventStream.Subscribe<Cat>(probe.Ref);

        Sys.EventStream.Unsubscribe(probe.Ref, typeof(Dog)).Should().BeTrue();
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Cat("tom"));
        probe.ExpectMsg(new Cat("tom"));

        Sys.EventStream.Unsubscribe(probe.Ref);
        Sys.EventStream.Publish(new Cat("tom"));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Subscriber : ReceiveActor
    {
        public Subscriber(IActorRef probe)
        {
            Context.System.EventStream.Subscribe<Dog>(Self);
            ReceiveAny(message => probe.Tell(message, Self));
        }
    }

    [Fact]
    public void A_stopped_actor_is_unsubscribed()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);
        var subscriber = Sys.ActorOf(Props.Create(() => new Subscriber(TestActor)));
        subscriber.Tell("subscribed?", TestActor);
        ExpectMsg("subscribed?");
        Sys.EventStream.Publish(new Dog("first"));
        ExpectMsg(new Dog("first"));
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);

        Sys.EventStream.Publish(new Dog("second"));

        letters.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Dead_letters_are_logged_at_most_the_configured_number_of_times_then_suspended()
    {
        var gone = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(gone);
        Sys.Stop(gone);
        ExpectTerminated(gone);

        EventFilter.Info("Dead letter").Expect(3, () =>
            EventFilter.Info("further dead letters are not logged").ExpectOne(() =>
            {
                for (var i = 0; i < 10; i++)
                {
                    gone.Tell(i, TestActor);
                }
            }));

        // Every dead letter above was queued at the listener during Tell; once it answers this, it has seen them all.
        Sys.ActorSelection("/system/deadLetterListener").Tell(new Identify("drained"), TestActor);
        ExpectMsg<ActorIdentity>(i => Equals(i.MessageId, "drained") && i.Subject is not null);
        FakeTime!.Advance(TimeSpan.FromMinutes(1));
        EventFilter.Info("Dead letter").ExpectOne(() => gone.Tell("after the pause", TestActor));
    }
}
