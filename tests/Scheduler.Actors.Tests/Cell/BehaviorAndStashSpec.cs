using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Cell;

public sealed class BehaviorAndStashSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Closed until "open": stashes work meanwhile; "close" again puts it back to waiting.</summary>
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public Gate()
        {
            Closed();
        }

        public IStash Stash { get; set; } = null!;

        private void Closed()
        {
            Receive<string>(_ =>
            {
                Become(Open);
                Stash.UnstashAll();
            }, s => s == "open");
            Receive<string>(_ => throw new InvalidOperationException("fail while closed"), s => s == "fail");
            Receive<string>(_ => Sender.Tell(Stash.Count, Self), s => s == "count");
            ReceiveAny(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(_ => Become(Closed), s => s == "close");
            ReceiveAny(message => Sender.Tell($"handled {message}", Self));
        }
    }

    [Fact]
    public void Stashed_messages_are_handled_in_order_after_Become()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1, TestActor);
        gate.Tell(2, TestActor);
        gate.Tell(3, TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(3);

        gate.Tell("open", TestActor);

        ExpectMsg("handled 1");
        ExpectMsg("handled 2");
        ExpectMsg("handled 3");
        gate.Tell(4, TestActor);
        ExpectMsg("handled 4");
    }

    [Fact]
    public void Unstashed_messages_come_before_messages_that_were_already_queued()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("open", TestActor);
        gate.Tell("c", TestActor);

        ExpectMsg("handled a");
        ExpectMsg("handled b");
        ExpectMsg("handled c");
    }

    [Fact]
    public void The_stash_survives_a_restart_its_messages_go_back_to_the_mailbox()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("x", TestActor);
        gate.Tell("y", TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(2);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => gate.Tell("fail", TestActor));

        // The new instance starts closed and stashes them again.
        gate.Tell("count", TestActor);
        ExpectMsg(2);
        gate.Tell("open", TestActor);
        ExpectMsg("handled x");
        ExpectMsg("handled y");
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("kept", TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(1);

        Sys.Stop(gate);

        letters.ExpectMsg<DeadLetter>(d => Equals(d.Message, "kept"));
    }

    /// <summary>Pushes and pops behaviours: "push" answers with a depth, "pop" returns.</summary>
    private sealed class Stack : ReceiveActor
    {
        public Stack() => Level(0);

        private void Level(int depth)
        {
            Receive<string>(_ => BecomeStacked(() => Level(depth + 1)), s => s == "push");
            Receive<string>(_ => UnbecomeStacked(), s => s == "pop");
            Receive<string>(_ => Become(() => Level(depth + 100)), s => s == "replace");
            Receive<string>(_ => Sender.Tell(depth, Self), s => s == "depth");
        }
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_nest_and_Become_replaces_the_top()
    {
        var stack = Sys.ActorOf(Props.Create<Stack>());
        string[] script = ["push", "push", "depth", "pop", "depth", "replace", "depth", "pop", "depth", "pop", "depth"];
        foreach (var step in script)
        {
            stack.Tell(step, TestActor);
        }

        // push→1, push→2, pop→1, replace top (1) by 101, pop→0, pop at the bottom stays 0.
        ExpectMsg(2);
        ExpectMsg(1);
        ExpectMsg(101);
        ExpectMsg(0);
        ExpectMsg(0);
    }

    [Fact]
    public void Handlers_cannot_be_added_after_the_actor_started()
    {
        var actor = Sys.ActorOf(Props.Create<LateHandler>());
        actor.Tell("add", TestActor);
        ExpectMsg<string>().Should().Contain("constructor");
    }

    private sealed class LateHandler : ReceiveActor
    {
        public LateHandler() => Receive<string>(_ =>
        {
            try
            {
                Receive<int>(_ => { });
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e.Message, Self);
            }
        });
    }
}

public sealed class StashWrappedMessagesSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    public sealed class Tick
    {
        private Tick() { }

        public static Tick Instance { get; } = new();
    }

    /// <summary>Stashes everything until "open", including timer ticks and Terminated.</summary>
    private sealed class Stasher : ReceiveActor, IWithStash, IWithTimers
    {
        public Stasher(IActorRef probe, IActorRef watched)
        {
            Context.Watch(watched);
            Receive<string>(_ =>
            {
                Timers.StartSingleTimer("t", "timer fired", TimeSpan.FromSeconds(1));
                Sender.Tell("armed", Self);
            }, s => s == "arm");
            Receive<string>(_ => Sender.Tell(Stash.Count, Self), s => s == "count");
            Receive<string>(_ =>
            {
                Become(() => ReceiveAny(m => probe.Tell(m, Self)));
                Stash.UnstashAll();
            }, s => s == "open");
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;

        public ITimerScheduler Timers { get; set; } = null!;
    }

    [Fact]
    public void Timer_messages_and_Terminated_that_were_stashed_are_delivered_when_unstashed()
    {
        var watched = Sys.ActorOf(Props.Create<EchoActor>());
        var probe = CreateTestProbe();
        var stasher = Sys.ActorOf(Props.Create(() => new Stasher(probe.Ref, watched)));
        stasher.Tell("arm", TestActor);
        ExpectMsg("armed");
        FakeTime!.Advance(TimeSpan.FromSeconds(1));
        Watch(watched);
        Sys.Stop(watched);
        ExpectTerminated(watched);
        AwaitAssert(() =>
        {
            stasher.Tell("count", TestActor);
            ExpectMsg(2);
        });

        stasher.Tell("open", TestActor);

        probe.ExpectMsg("timer fired");
        probe.ExpectMsg<Terminated>(t => t.ActorRef.Equals(watched));
    }

    [Fact]
    public void Two_deliveries_of_one_shared_instance_can_both_be_stashed()
    {
        var watched = Sys.ActorOf(Props.Create<EchoActor>());
        var probe = CreateTestProbe();
        var stasher = Sys.ActorOf(Props.Create(() => new Stasher(probe.Ref, watched)));
        stasher.Tell(Tick.Instance, TestActor);
        stasher.Tell(Tick.Instance, TestActor);
        stasher.Tell("count", TestActor);
        ExpectMsg(2);

        stasher.Tell("open", TestActor);

        probe.ExpectMsg(Tick.Instance);
        probe.ExpectMsg(Tick.Instance);
    }
}
