using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Cell;

public sealed class AsyncHandlerSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Awaits a gate the test opens; reports what it sees around the await.</summary>
    private sealed class Awaiter : ReceiveActor
    {
        public Awaiter(IActorRef probe)
        {
            ReceiveAsync<TaskCompletionSource<string>>(async gate =>
            {
                probe.Tell("before await", Self);
                var value = await gate.Task;
                // After the await we are back inside the actor: Sender and Self still refer to this message.
                Sender.Tell($"after await: {value}", Self);
            });
            ReceiveAsync<Failing>(async failing =>
            {
                await failing.Gate.Task;
                throw new InvalidOperationException("failed after await");
            });
            Receive<string>(s => Sender.Tell($"sync {s}", Self));
        }

        public sealed record Failing(TaskCompletionSource Gate);
    }

    [Fact]
    public void An_async_handler_suspends_the_mailbox_until_its_task_completes()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(probe.Ref)));
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        actor.Tell(gate, TestActor);
        probe.ExpectMsg("before await");
        actor.Tell("next", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        gate.SetResult("opened");

        ExpectMsg("after await: opened");
        LastSender.Should().Be(actor);
        ExpectMsg("sync next");
    }

    [Fact]
    public void A_failure_after_an_await_fails_the_actor_and_it_is_restarted()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(probe.Ref)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new Awaiter.Failing(gate), TestActor);

        EventFilter.Exception<InvalidOperationException>("failed after await").ExpectOne(() => gate.SetResult());

        actor.Tell("alive", TestActor);
        ExpectMsg("sync alive");
    }

    [Fact]
    public void Stopping_an_actor_while_it_awaits_drops_the_pending_work()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(probe.Ref)));
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(gate, TestActor);
        probe.ExpectMsg("before await");
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);
        gate.SetResult("too late");

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}

public sealed class AsyncRestartSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<Props>(props => Sender.Tell(Context.ActorOf(props), Self));

        protected internal override SupervisorStrategy SupervisorStrategy() => new AllForOneStrategy(_ => Directive.Restart);
    }

    private sealed class Waiter : ReceiveActor
    {
        public Waiter(IActorRef probe)
        {
            ReceiveAsync<TaskCompletionSource>(async gate =>
            {
                try
                {
                    probe.Tell("awaiting", Self);
                    await gate.Task;
                    Sender.Tell("old continuation replied", Self);
                }
                finally
                {
                    probe.Tell("old finally ran", Self);
                }
            });
            Receive<string>(s => Sender.Tell($"new instance: {s}", Self));
        }
    }

    private sealed class Failer : ReceiveActor
    {
        public Failer() => Receive<string>(_ => throw new InvalidOperationException("sibling fails"));
    }

    [Fact]
    public void A_task_given_up_by_a_restart_still_finishes_but_not_in_the_name_of_a_later_message()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create<Parent>());
        parent.Tell(Props.Create(() => new Waiter(probe.Ref)), TestActor);
        var waiter = ExpectMsg<IActorRef>();
        parent.Tell(Props.Create<Failer>(), TestActor);
        var failer = ExpectMsg<IActorRef>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asker = CreateTestProbe();
        waiter.Tell(gate, asker.Ref);
        probe.ExpectMsg("awaiting");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => failer.Tell("fail", TestActor));
        waiter.Tell("hello", TestActor);
        ExpectMsg("new instance: hello");

        gate.SetResult();

        probe.ExpectMsg("old finally ran");
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
