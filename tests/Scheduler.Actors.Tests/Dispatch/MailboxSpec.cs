using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Dispatch;

public sealed class MailboxSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Hocon = """
        scheduler.actor.mailboxes.tiny { type = bounded, capacity = 5 }
        scheduler.actor.dispatchers.one-at-a-time { type = thread-pool, throughput = 1 }
        """,
})
{
    /// <summary>Checks that each sender's numbers arrive in order; reports totals on request.</summary>
    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<IActorRef, int> _last = [];
        private int _count;
        private int _violations;

        public OrderChecker()
        {
            Receive<int>(n =>
            {
                _count++;
                if (_last.TryGetValue(Sender, out var previous) && n != previous + 1)
                {
                    _violations++;
                }

                _last[Sender] = n;
            });
            Receive<string>(_ => Sender.Tell((_count, _violations), Self), s => s == "report");
        }
    }

    private sealed class Producer : ReceiveActor
    {
        public Producer(IActorRef target) => Receive<int>(count =>
        {
            for (var i = 1; i <= count; i++)
            {
                target.Tell(i, Self);
            }

            Sender.Tell("sent", Self);
        });
    }

    [Fact]
    public void A_million_messages_from_four_senders_arrive_complete_and_in_order_per_sender()
    {
        const int senders = 4;
        const int perSender = 250_000;
        var checker = Sys.ActorOf(Props.Create<OrderChecker>());
        var producers = Enumerable.Range(0, senders).Select(_ => Sys.ActorOf(Props.Create(() => new Producer(checker)))).ToList();

        foreach (var producer in producers)
        {
            producer.Tell(perSender, TestActor);
        }

        for (var i = 0; i < senders; i++)
        {
            ExpectMsg("sent", TimeSpan.FromSeconds(60));
        }

        AwaitAssert(
            () =>
            {
                checker.Tell("report", TestActor);
                ExpectMsg<(int Count, int Violations)>().Should().Be((senders * perSender, 0));
            },
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Sends itself a message for every message it handles: an endless self-flood.</summary>
    private sealed class Flooder : UntypedActor
    {
        protected override void OnReceive(object message) => Self.Tell(message, Self);
    }

    [Fact]
    public void An_actor_that_floods_itself_does_not_starve_the_others()
    {
        var flooders = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(_ => Sys.ActorOf(Props.Create<Flooder>())).ToList();
        foreach (var flooder in flooders)
        {
            flooder.Tell("again", null);
        }

        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        for (var i = 0; i < 10; i++)
        {
            echo.Tell(i, TestActor);
            ExpectMsg(i, TimeSpan.FromSeconds(10));
        }

        flooders.ForEach(Sys.Stop);
    }

    /// <summary>Blocks in its first message until the test opens the gate, then reports each message.</summary>
    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<int>(n =>
            {
                probe.Tell(n, Self);
                if (n == 0)
                {
                    gate.Wait(TimeSpan.FromSeconds(30));
                }
            });
        }
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim();
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate, TestActor)));
        blocker.Tell(0, null);
        ExpectMsg(0);
        for (var i = 1; i <= 50; i++)
        {
            blocker.Tell(i, null);
        }

        Watch(blocker);
        Sys.Stop(blocker);
        gate.Set();

        ExpectTerminated(blocker);
        letters.ReceiveN(50).Cast<DeadLetter>().Select(d => (int)d.Message).Should().BeEquivalentTo(Enumerable.Range(1, 50));
    }

    [Fact]
    public void A_full_bounded_mailbox_turns_further_messages_into_dead_letters()
    {
        using var gate = new ManualResetEventSlim();
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate, TestActor)).WithMailbox("tiny"));
        blocker.Tell(0, null);
        ExpectMsg(0);

        for (var i = 1; i <= 8; i++)
        {
            blocker.Tell(i, null);
        }

        var refused = letters.ReceiveN(3).Cast<DeadLetter>().ToList();
        refused.Select(d => (int)d.Message).Should().Equal(6, 7, 8);
        refused.Should().OnlyContain(d => d.Reason == "mailbox full");

        gate.Set();
        ReceiveN(5).Should().Equal(1, 2, 3, 4, 5);
    }

    private sealed class ThreadReporter : UntypedActor
    {
        protected override void OnReceive(object message) =>
            Sender.Tell((Environment.CurrentManagedThreadId, Thread.CurrentThread.Name ?? string.Empty), Self);
    }

    [Fact]
    public void The_pinned_dispatcher_runs_an_actor_on_its_own_thread()
    {
        var pinned = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("pinned-dispatcher"), "pinned");
        var seen = new HashSet<int>();
        for (var i = 0; i < 5; i++)
        {
            pinned.Tell("where?", TestActor);
            var (id, name) = ExpectMsg<(int, string)>();
            seen.Add(id);
            name.Should().Be("pinned /user/pinned");
        }

        seen.Should().HaveCount(1);
    }

    [Fact]
    public void Unknown_dispatchers_and_mailboxes_are_refused_with_their_name()
    {
        var dispatcher = () => Sys.ActorOf(Props.Create<EchoActor>().WithDispatcher("nope"));
        dispatcher.Should().Throw<ConfigurationException>().WithMessage("*dispatcher 'nope'*");

        var mailbox = () => Sys.ActorOf(Props.Create<EchoActor>().WithMailbox("nada"));
        mailbox.Should().Throw<ConfigurationException>().WithMessage("*mailbox 'nada'*");
    }
}
