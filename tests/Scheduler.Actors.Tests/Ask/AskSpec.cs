using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Ask;

public sealed class AskSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        (await echo.Ask<string>("ping", TimeSpan.FromSeconds(5))).Should().Be("ping");
    }

    [Fact]
    public async Task A_Status_Failure_reply_fails_the_ask_with_its_cause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var ask = echo.Ask<string>(new Status.Failure(new FormatException("bad")), TimeSpan.FromSeconds(5));
        await ask.Invoking(t => t).Should().ThrowAsync<FormatException>().WithMessage("bad");
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_fails_with_a_message_naming_both_types()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var ask = echo.Ask<int>("not a number", TimeSpan.FromSeconds(5));
        await ask.Invoking(t => t).Should().ThrowAsync<InvalidCastException>().WithMessage("*Int32*String*");
    }

    [Fact]
    public async Task Ask_times_out_with_a_clear_exception_and_a_late_reply_goes_to_dead_letters()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);
        var silent = CreateTestProbe();

        var ask = silent.Ref.Ask<string>("question", TimeSpan.FromSeconds(3));
        silent.ExpectMsg("question");
        var asker = silent.LastSender;
        FakeTime!.Advance(TimeSpan.FromSeconds(3));

        var failure = await ask.Invoking(t => t).Should().ThrowAsync<AskTimeoutException>();
        failure.Which.Message.Should().Contain(silent.Ref.Path.ToString()).And.Contain("3000 ms").And.Contain("String");

        asker.Tell("late answer", silent.Ref);
        letters.ExpectMsg<DeadLetter>(d => Equals(d.Message, "late answer"));
        Sys.TempContainer.PendingAsks.Should().Be(0, "a settled ask leaves no temporary ref behind");
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var silent = CreateTestProbe();
        using var cancellation = new CancellationTokenSource();
        var ask = silent.Ref.Ask<string>("question", TimeSpan.FromSeconds(30), cancellation.Token);
        silent.ExpectMsg("question");

        await cancellation.CancelAsync();

        await ask.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        Sys.TempContainer.PendingAsks.Should().Be(0);
    }

    [Fact]
    public async Task PipeTo_sends_the_result_or_a_failure()
    {
        await Task.FromResult(42).PipeTo(TestActor);
        ExpectMsg(42);

        await Task.FromException<int>(new TimeoutException("slow")).PipeTo(TestActor);
        ExpectMsg<Status.Failure>(f => f.Cause is TimeoutException);

        await Task.FromResult(7).PipeTo(TestActor, success: n => $"got {n}");
        ExpectMsg("got 7");
    }

    [Fact]
    public async Task ResolveOne_finds_an_actor_by_path_or_fails_clearly()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "findme");
        (await Sys.ActorSelection("/user/findme").ResolveOne(TimeSpan.FromSeconds(5))).Should().Be(echo);

        await Sys.ActorSelection("/user/nobody").Invoking(s => s.ResolveOne(TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<ActorNotFoundException>().WithMessage("*/user/nobody*");
    }
}

public sealed class AskLifecycleSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    /// <summary>Watches whoever asks it; answers "reply" requests, holds others.</summary>
    private sealed class AskerWatcher : ReceiveActor
    {
        private IActorRef? _held;

        public AskerWatcher(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Watch(Sender);
                _held = Sender;
                probe.Tell("watching the asker", Self);
            }, s => s == "hold");
            Receive<string>(_ => _held!.Tell("answer", Self), s => s == "answer now");
            Receive<Terminated>(t => probe.Tell("asker gone", Self));
        }
    }

    [Fact]
    public async Task An_actor_that_watches_an_asker_hears_of_it_only_when_the_ask_settles()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AskerWatcher(probe.Ref)));
        var ask = actor.Ask<string>("hold", TimeSpan.FromSeconds(10));
        probe.ExpectMsg("watching the asker");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        actor.Tell("answer now", TestActor);

        (await ask).Should().Be("answer");
        probe.ExpectMsg("asker gone");
    }

    [Fact]
    public async Task Pending_asks_fail_when_the_system_terminates_and_later_asks_fail_at_once()
    {
        var silent = CreateTestProbe();
        var pending = silent.Ref.Ask<string>("anyone?", TimeSpan.FromMinutes(10));
        silent.ExpectMsg("anyone?");

        await Sys.Terminate();

        await pending.Invoking(t => t).Should().ThrowAsync<AskTimeoutException>().WithMessage("*terminated*");
        var late = silent.Ref.Ask<string>("still there?", TimeSpan.FromMinutes(10));
        await late.Invoking(t => t).Should().ThrowAsync<AskTimeoutException>().WithMessage("*terminated*");
    }
}
