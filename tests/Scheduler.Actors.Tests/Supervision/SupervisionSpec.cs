using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Supervision;

public sealed class SupervisionSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Creates children on request and supervises them with the strategy it was given.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<(Props Props, string Name)>(spawn => Sender.Tell(Context.ActorOf(spawn.Props, spawn.Name), Self));
            Receive<Exception>(e => throw e);
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    /// <summary>Counts messages, fails on request, reports its lifecycle.</summary>
    private sealed class Worker : ReceiveActor
    {
        private int _state;

        public Worker(IActorRef probe, string name)
        {
            Receive<string>(_ => Sender.Tell(++_state, Self), s => s == "inc");
            Receive<Exception>(e => throw e);
            _ = name;
            Probe = probe;
            Name = name;
        }

        private IActorRef Probe { get; }

        private string Name { get; }

        protected override void PreStart() => Probe.Tell($"{Name}:started", Self);

        protected override void PostStop() => Probe.Tell($"{Name}:stopped", Self);
    }

    private static Func<Exception, Directive> Reporting(Directive directive, IActorRef probe) => exception =>
    {
        probe.Tell(exception, ActorRefs.NoSender);
        return directive;
    };

    private IActorRef Spawn(IActorRef supervisor, Props props, string name)
    {
        supervisor.Tell((props, name), TestActor);
        return ExpectMsg<IActorRef>();
    }

    private TestProbe? _life;

    /// <summary>Where workers report their lifecycle, apart from replies, so the two never race.</summary>
    private TestProbe Life => _life ??= CreateTestProbe("lifecycle");

    private Props WorkerProps(string name)
    {
        var life = Life.Ref;
        return Props.Create(() => new Worker(life, name));
    }

    [Fact]
    public void Resume_keeps_the_actor_and_its_state()
    {
        var decisions = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(Reporting(Directive.Resume, decisions.Ref)))));
        var worker = Spawn(supervisor, WorkerProps("w"), "w");
        Life.ExpectMsg("w:started");
        worker.Tell("inc", TestActor);
        ExpectMsg(1);

        EventFilter.Warning("failed and is resumed").ExpectOne(() => worker.Tell(new InvalidOperationException("oops"), TestActor));
        decisions.ExpectMsg<InvalidOperationException>();

        worker.Tell("inc", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Restart_resets_state_and_stops_the_failed_actors_children()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.Default)));
        var middle = Spawn(supervisor, Props.Create(() => new Supervisor(SupervisorStrategy.Default)), "middle");
        var grandchild = Spawn(middle, WorkerProps("g"), "g");
        Life.ExpectMsg("g:started");
        Watch(grandchild);
        var worker = Spawn(supervisor, WorkerProps("w"), "w");
        Life.ExpectMsg("w:started");
        worker.Tell("inc", TestActor);
        ExpectMsg(1);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => middle.Tell(new InvalidOperationException("middle fails"), TestActor));
        Life.ExpectMsg("g:stopped");
        ExpectTerminated(grandchild);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => worker.Tell(new InvalidOperationException("worker fails"), TestActor));
        Life.ExpectMsg("w:stopped");
        Life.ExpectMsg("w:started");
        worker.Tell("inc", TestActor);
        ExpectMsg(1, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void All_for_one_restarts_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(SupervisorStrategy.DefaultDecider))));
        var a = Spawn(supervisor, WorkerProps("a"), "a");
        Life.ExpectMsg("a:started");
        var b = Spawn(supervisor, WorkerProps("b"), "b");
        Life.ExpectMsg("b:started");
        b.Tell("inc", TestActor);
        ExpectMsg(1);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => a.Tell(new InvalidOperationException("a fails"), TestActor));

        Life.ExpectMsgAllOf("a:stopped", "b:stopped", "a:started", "b:started");
        b.Tell("inc", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void All_for_one_stop_stops_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Stop))));
        var a = Spawn(supervisor, WorkerProps("a"), "a");
        var b = Spawn(supervisor, WorkerProps("b"), "b");
        Life.ExpectMsgAllOf("a:started", "b:started");
        Watch(a);
        Watch(b);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => a.Tell(new InvalidOperationException("a fails"), TestActor));

        Life.ExpectMsgAllOf("a:stopped", "b:stopped");
        ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).Should().BeEquivalentTo(new[] { a, b });
    }

    [Fact]
    public void Escalate_fails_the_parent_and_the_user_guardian_restarts_it()
    {
        var topLevel = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), "top");
        var child = Spawn(topLevel, WorkerProps("c"), "c");
        Life.ExpectMsg("c:started");
        Watch(child);

        EventFilter.Exception<InvalidOperationException>("top").ExpectOne(() => child.Tell(new InvalidOperationException("escalated"), TestActor));

        // The guardian restarted /user/top; its default PreRestart stopped the child.
        Life.ExpectMsg("c:stopped");
        ExpectTerminated(child);
        var again = Spawn(topLevel, WorkerProps("c"), "c");
        Life.ExpectMsg("c:started");
        again.Path.Should().Be(child.Path);
        again.Should().NotBe(child, "a new incarnation at the same path is a different ref");
    }

    [Fact]
    public void At_most_N_restarts_within_the_window_then_the_child_is_stopped()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        var worker = Spawn(supervisor, WorkerProps("w"), "w");
        Life.ExpectMsg("w:started");
        Watch(worker);

        for (var i = 0; i < 2; i++)
        {
            EventFilter.Exception<InvalidOperationException>().ExpectOne(() => worker.Tell(new InvalidOperationException($"failure {i}"), TestActor));
            Life.ExpectMsg("w:stopped");
            Life.ExpectMsg("w:started");
        }

        EventFilter.Error("stopped after 2 restarts").ExpectOne(() => worker.Tell(new InvalidOperationException("third"), TestActor));
        Life.ExpectMsg("w:stopped");
        ExpectTerminated(worker);
    }

    private sealed class ThrowsInConstructor : ActorBase
    {
        public ThrowsInConstructor() => throw new FormatException("bad constructor");

        protected internal override bool Receive(object message) => true;
    }

    private sealed class ThrowsInPreStart : ActorBase
    {
        protected internal override bool Receive(object message) => true;

        protected override void PreStart() => throw new FormatException("bad prestart");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_constructor_or_PreStart_that_throws_reaches_the_supervisor_with_the_exception(bool inConstructor)
    {
        var decisions = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(Reporting(Directive.Stop, decisions.Ref)))));
        var props = inConstructor ? Props.Create(() => new ThrowsInConstructor()) : Props.Create(() => new ThrowsInPreStart());

        var failing = EventFilterSpawn(supervisor, props);

        var failure = decisions.ExpectMsg<ActorInitializationException>();
        failure.InnerException.Should().BeOfType<FormatException>();
        failure.Actor.Should().Be(failing);
        Watch(failing);
        ExpectTerminated(failing);
    }

    private IActorRef EventFilterSpawn(IActorRef supervisor, Props props)
    {
        IActorRef? spawned = null;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() => spawned = Spawn(supervisor, props, "failing"));
        return spawned!;
    }

    [Fact]
    public void Default_decider_stops_on_initialization_kill_and_death_pact_and_restarts_otherwise()
    {
        SupervisorStrategy.DefaultDecider(new ActorInitializationException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new ActorKilledException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new DeathPactException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new InvalidOperationException()).Should().Be(Directive.Restart);
    }
}
