using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Supervision;

/// <summary>Suspension bookkeeping across escalation, resume and restart (Akka's fault-handling model).</summary>
public sealed class FaultHandlingSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Node : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;
        private int _handled;

        public Node(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(props => Sender.Tell(Context.ActorOf(props), Self));
            Receive<Exception>(e => throw e);
            Receive<string>(_ => Sender.Tell(++_handled, Self), s => s == "count");
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private static Props NodeWith(Func<Exception, Directive> decide) =>
        Props.Create(() => new Node(new OneForOneStrategy(decide)));

    private IActorRef Spawn(IActorRef parent, Props props)
    {
        parent.Tell(props, TestActor);
        return ExpectMsg<IActorRef>();
    }

    [Fact]
    public void A_child_whose_failure_was_escalated_and_then_resumed_handles_messages_again()
    {
        var grandparent = Sys.ActorOf(NodeWith(_ => Directive.Resume));
        var parent = Spawn(grandparent, NodeWith(_ => Directive.Escalate));
        var child = Spawn(parent, NodeWith(_ => Directive.Restart));
        var sibling = Spawn(parent, NodeWith(_ => Directive.Restart));
        child.Tell("count", TestActor);
        ExpectMsg(1);

        EventFilter.Warning("resumed").ExpectOne(() => child.Tell(new InvalidOperationException("escalate me"), TestActor));

        child.Tell("count", TestActor);
        ExpectMsg(2, TimeSpan.FromSeconds(3));
        sibling.Tell("count", TestActor);
        ExpectMsg(1);
        parent.Tell("count", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void A_parent_that_is_resumed_resumes_its_suspended_children()
    {
        var resumingParent = Sys.ActorOf(NodeWith(_ => Directive.Resume));
        var middle = Spawn(resumingParent, NodeWith(_ => Directive.Restart));
        var leaf = Spawn(middle, NodeWith(_ => Directive.Restart));
        leaf.Tell("count", TestActor);
        ExpectMsg(1);

        EventFilter.Warning("resumed").ExpectOne(() => middle.Tell(new InvalidOperationException("resume me"), TestActor));

        leaf.Tell("count", TestActor);
        ExpectMsg(2, TimeSpan.FromSeconds(3));
        middle.Tell("count", TestActor);
        ExpectMsg(1);
    }

    private sealed class FailsToStartOnce : ReceiveActor
    {
        public FailsToStartOnce(StrongBox<int> starts)
        {
            if (Interlocked.Increment(ref starts.Value) == 1)
            {
                throw new FormatException("first start fails");
            }

            Receive<string>(s => Sender.Tell($"started {starts.Value} times: {s}", Self));
        }
    }

    [Fact]
    public void Resuming_an_actor_that_failed_to_start_starts_it_afresh()
    {
        var supervisor = Sys.ActorOf(NodeWith(_ => Directive.Resume));
        var starts = new StrongBox<int>();
        IActorRef? actor = null;
        EventFilter.Warning("resumed").ExpectOne(() => actor = Spawn(supervisor, Props.Create(() => new FailsToStartOnce(starts))));

        actor!.Tell("hello", TestActor);
        ExpectMsg("started 2 times: hello");
    }

    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }

    private sealed class PostStopReporter : ActorBase
    {
        private readonly IActorRef _probe;

        public PostStopReporter(IActorRef probe) => _probe = probe;

        protected internal override bool Receive(object message) => true;

        protected override void PreStart() => throw new FormatException("cannot start");

        protected override void PostStop() => _probe.Tell("poststop ran", null);
    }

    [Fact]
    public void PostStop_does_not_run_on_an_instance_that_failed_to_start()
    {
        var supervisor = Sys.ActorOf(NodeWith(SupervisorStrategy.DefaultDecider));
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() => actor = Spawn(supervisor, Props.Create(() => new PostStopReporter(TestActor))));
        Watch(actor!);
        ExpectTerminated(actor!);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Stops only when the gate opens, which holds its parent's restart open.</summary>
    private sealed class SlowToStop(ManualResetEventSlim gate) : ActorBase
    {
        protected internal override bool Receive(object message) => true;

        protected override void PostStop() => gate.Wait(TimeSpan.FromSeconds(30));
    }

    private sealed class ReportingNode : ReceiveActor
    {
        private int _handled;

        public ReportingNode(IActorRef probe)
        {
            Receive<Props>(props => Sender.Tell(Context.ActorOf(props), Self));
            Receive<string>(_ => Sender.Tell(++_handled, Self), s => s == "count");
            Probe = probe;
        }

        private IActorRef Probe { get; }

        protected override void PreRestart(Exception reason, object? message)
        {
            Probe.Tell("prerestart", Self);
            base.PreRestart(reason, message);
        }
    }

    [Fact]
    public void A_sibling_restarted_by_all_for_one_handles_nothing_between_PreRestart_and_its_new_instance()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Node(new AllForOneStrategy(_ => Directive.Restart))));
        var failing = Spawn(parent, NodeWith(_ => Directive.Restart));
        var sibling = Spawn(parent, Props.Create(() => new ReportingNode(probe.Ref)));
        Spawn(sibling, Props.Create(() => new SlowToStop(gate)));
        sibling.Tell("count", TestActor);
        ExpectMsg(1);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => failing.Tell(new InvalidOperationException("all restart"), TestActor));
        probe.ExpectMsg("prerestart");
        sibling.Tell("count", TestActor);
        sibling.Tell("count", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        gate.Set();

        ExpectMsg(1, TimeSpan.FromSeconds(3));
        ExpectMsg(2);
    }
}
