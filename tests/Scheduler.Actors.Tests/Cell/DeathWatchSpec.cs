using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Cell;

public sealed class DeathWatchSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Watches what it is told to and reports every Terminated to the probe.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<Watch>(w =>
            {
                Context.Watch(w.Target);
                Sender.Tell("watching", Self);
            });
            Receive<WatchTwice>(w =>
            {
                Context.Watch(w.Target);
                Context.Watch(w.Target);
                Sender.Tell("watching", Self);
            });
            Receive<UnwatchAfterStop>(w =>
            {
                // Stop the target and unwatch it while its Terminated may already be on the way: it must not arrive.
                Context.Stop(w.Target);
                Context.Unwatch(w.Target);
                Sender.Tell("unwatched", Self);
            });
            Receive<WatchWithMessage>(w =>
            {
                Context.WatchWith(w.Target, w.Message);
                Sender.Tell("watching", Self);
            });
            Receive<Terminated>(t => probe.Tell(t, Self));
            Receive<string>(s => probe.Tell(s, Self));
        }

        public sealed record Watch(IActorRef Target);

        public sealed record WatchTwice(IActorRef Target);

        public sealed record UnwatchAfterStop(IActorRef Target);

        public sealed record WatchWithMessage(IActorRef Target, string Message);
    }

    private IActorRef NewWatcher() => Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

    [Fact]
    public void Terminated_is_delivered_exactly_once_even_when_watched_twice()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = NewWatcher();
        watcher.Tell(new Watcher.WatchTwice(target), TestActor);
        ExpectMsg("watching");

        Sys.Stop(target);

        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target) && t.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_yields_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var watcher = NewWatcher();
        watcher.Tell(new Watcher.Watch(target), TestActor);
        ExpectMsg("watching");
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target) && !t.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Terminated_comes_after_every_message_the_dead_actor_sent()
    {
        var watcher = NewWatcher();
        var target = Sys.ActorOf(Props.Create(() => new Sender(watcher)));
        watcher.Tell(new Watcher.Watch(target), TestActor);
        ExpectMsg("watching");

        target.Tell(100, TestActor);

        for (var i = 0; i < 100; i++)
        {
            ExpectMsg($"m{i}");
        }

        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target));
    }

    private sealed class Sender : ReceiveActor
    {
        public Sender(IActorRef to) => Receive<int>(n =>
        {
            for (var i = 0; i < n; i++)
            {
                to.Tell($"m{i}", Self);
            }

            Context.Stop(Self);
        });
    }

    [Fact]
    public void Unwatch_discards_a_Terminated_that_was_already_queued()
    {
        var watcher = NewWatcher();
        for (var i = 0; i < 20; i++)
        {
            var target = Sys.ActorOf(Props.Create<EchoActor>());
            watcher.Tell(new Watcher.Watch(target), TestActor);
            ExpectMsg("watching");
            watcher.Tell(new Watcher.UnwatchAfterStop(target), TestActor);
            ExpectMsg("unwatched");
        }

        watcher.Tell("done", TestActor);
        ExpectMsg("done");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = NewWatcher();
        watcher.Tell(new Watcher.WatchWithMessage(target, "target is gone"), TestActor);
        ExpectMsg("watching");
        Sys.Stop(target);
        ExpectMsg("target is gone");
    }

    [Fact]
    public void Not_handling_Terminated_of_a_watched_actor_is_a_death_pact()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var pact = Sys.ActorOf(Props.Create(() => new PactActor(target)));
        pact.Tell("ready?", TestActor);
        ExpectMsg("ready");
        Watch(pact);

        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));

        ExpectTerminated(pact);
    }

    private sealed class PactActor : ReceiveActor
    {
        public PactActor(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => Sender.Tell("ready", Self));
        }
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor)));
        parent.Tell(new ParentActor.Spawn("a"), TestActor);
        var a = ExpectMsg<IActorRef>();
        parent.Tell(new ParentActor.Spawn("b"), TestActor);
        var b = ExpectMsg<IActorRef>();
        Watch(a);
        Watch(b);
        Watch(parent);

        Sys.Stop(parent);

        var order = ReceiveN(3).Cast<Terminated>().Select(t => t.ActorRef).ToList();
        order.Should().HaveCount(3);
        order[2].Should().Be(parent, "a parent finishes stopping only after its children");
    }
}

public sealed class DeathWatchNamingSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Hocon = "scheduler.actor.mailboxes.tiny { type = bounded, capacity = 2 }",
})
{
    /// <summary>Recreates its child under the same name every time the child stops.</summary>
    private sealed class Recreator : ReceiveActor
    {
        private int _generation;

        public Recreator(IActorRef probe)
        {
            Spawn();
            Receive<Terminated>(_ =>
            {
                Spawn();
                probe.Tell($"recreated {_generation}", Self);
            });
            Receive<string>(_ => Context.Stop(Context.Child("worker")!), s => s == "kill worker");
        }

        private void Spawn()
        {
            _generation++;
            Context.Watch(Context.ActorOf(Props.Create<EchoActor>(), "worker"));
        }
    }

    [Fact]
    public void A_child_can_be_recreated_under_its_name_while_its_Terminated_is_handled()
    {
        var recreator = Sys.ActorOf(Props.Create(() => new Recreator(TestActor)));
        Watch(recreator);
        for (var i = 2; i <= 50; i++)
        {
            recreator.Tell("kill worker", TestActor);
            ExpectMsg($"recreated {i}");
        }

        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private sealed class BlockedWatcher : ReceiveActor
    {
        public BlockedWatcher(IActorRef target, ManualResetEventSlim gate, IActorRef probe)
        {
            Context.Watch(target);
            Receive<string>(_ => gate.Wait(TimeSpan.FromSeconds(30)), s => s == "block");
            Receive<Terminated>(t => probe.Tell(t, Self));
            ReceiveAny(_ => { });
        }
    }

    [Fact]
    public void Terminated_reaches_an_actor_whose_bounded_mailbox_is_full()
    {
        using var gate = new ManualResetEventSlim();
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new BlockedWatcher(target, gate, TestActor)).WithMailbox("tiny"));
        watcher.Tell("block", null);
        watcher.Tell(1, null);
        watcher.Tell(2, null);
        watcher.Tell(3, null);

        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        gate.Set();

        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target));
    }
}
