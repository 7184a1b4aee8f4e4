using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Supervision;

public sealed class BackoffSupervisorSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            probe.Tell("started", Self);
            Receive<string>(_ => throw new InvalidOperationException("flaky"), s => s == "fail");
            Receive<string>(_ => Context.Stop(Self), s => s == "quit");
            Receive<string>(s => Sender.Tell($"child got {s}", Self));
        }
    }

    private (IActorRef Supervisor, TestProbe Starts) Start(Func<BackoffOptions, BackoffOptions>? tune = null)
    {
        var starts = CreateTestProbe();
        var options = new BackoffOptions(Props.Create(() => new Flaky(starts.Ref)), "flaky", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.0);
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(tune?.Invoke(options) ?? options), "backoff");
        ExpectStarted(starts, supervisor);
        return (supervisor, starts);
    }

    /// <summary>
    /// The child says it started from its constructor, which may run before the supervisor has finished starting it
    /// (and armed its reset timer); asking the supervisor afterwards makes sure it has, before the clock moves.
    /// </summary>
    private void ExpectStarted(TestProbe starts, IActorRef supervisor)
    {
        starts.ExpectMsg("started");
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        ExpectMsg<BackoffSupervisor.CurrentChild>().Ref.Should().NotBeNull();
    }

    private void Fail(IActorRef supervisor) =>
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => supervisor.Tell("fail", TestActor));

    private void AwaitNoChild(IActorRef supervisor) => AwaitAssert(() =>
    {
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        ExpectMsg<BackoffSupervisor.CurrentChild>().Ref.Should().BeNull();
    });

    [Fact]
    public void Messages_are_forwarded_to_the_child()
    {
        var (supervisor, _) = Start();
        supervisor.Tell("hello", TestActor);
        ExpectMsg("child got hello");
    }

    [Fact]
    public void A_failed_child_is_started_again_after_exponentially_growing_delays()
    {
        var (supervisor, starts) = Start();

        foreach (var delay in new[] { 1, 2, 4, 8, 10, 10 })
        {
            Fail(supervisor);
            AwaitNoChild(supervisor);
            FakeTime!.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            starts.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
            FakeTime.Advance(TimeSpan.FromMilliseconds(1));
            ExpectStarted(starts, supervisor);
        }
    }

    [Fact]
    public void The_delay_returns_to_the_minimum_after_the_child_ran_long_enough()
    {
        var (supervisor, starts) = Start(o => o with { ResetBackoffAfter = TimeSpan.FromSeconds(30) });
        Fail(supervisor);
        AwaitNoChild(supervisor);
        FakeTime!.Advance(TimeSpan.FromSeconds(1));
        ExpectStarted(starts, supervisor);
        Fail(supervisor);
        AwaitNoChild(supervisor);
        FakeTime.Advance(TimeSpan.FromSeconds(2));
        ExpectStarted(starts, supervisor);

        FakeTime.Advance(TimeSpan.FromSeconds(30));
        AwaitAssert(() =>
        {
            supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
            ExpectMsg<BackoffSupervisor.RestartCount>().Count.Should().Be(0);
        });

        Fail(supervisor);
        AwaitNoChild(supervisor);
        FakeTime.Advance(TimeSpan.FromSeconds(1));
        ExpectStarted(starts, supervisor);
    }

    [Fact]
    public void In_OnFailure_mode_a_child_that_stops_by_itself_stops_the_supervisor()
    {
        var (supervisor, _) = Start();
        Watch(supervisor);
        supervisor.Tell("quit", TestActor);
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void In_OnStop_mode_a_child_that_stops_is_started_again()
    {
        var (supervisor, starts) = Start(o => o with { Mode = BackoffMode.OnStop });
        supervisor.Tell("quit", TestActor);
        AwaitNoChild(supervisor);
        FakeTime!.Advance(TimeSpan.FromSeconds(1));
        ExpectStarted(starts, supervisor);
    }

    [Fact]
    public void After_the_maximum_number_of_restarts_the_supervisor_stops()
    {
        var (supervisor, starts) = Start(o => o with { MaxRestarts = 1 });
        Watch(supervisor);
        Fail(supervisor);
        AwaitNoChild(supervisor);
        FakeTime!.Advance(TimeSpan.FromSeconds(1));
        ExpectStarted(starts, supervisor);

        Fail(supervisor);
        ExpectTerminated(supervisor);
    }

    [Theory]
    [InlineData(0, 1, 10, 0.0, 0.0, 1.0)]
    [InlineData(1, 1, 10, 0.0, 0.0, 2.0)]
    [InlineData(3, 1, 10, 0.0, 0.0, 8.0)]
    [InlineData(4, 1, 10, 0.0, 0.0, 10.0)]
    [InlineData(2, 1, 10, 0.5, 1.0, 6.0)]
    [InlineData(2, 1, 10, 0.2, 0.5, 4.4)]
    [InlineData(100, 1, 10, 0.2, 0.9, 10.0)]
    [InlineData(0, 3, 3, 1.0, 0.99, 3.0)]
    public void Backoff_delay_table(int restarts, double min, double max, double factor, double random, double expectedSeconds) =>
        BackoffDelay.Compute(restarts, TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max), factor, random)
            .TotalSeconds.Should().BeApproximately(expectedSeconds, 1e-6);

    [Fact]
    public void Bad_backoff_options_are_refused_with_the_parameter_named()
    {
        var props = Props.Create<EchoActor>();
        FluentActions.Invoking(() => new BackoffOptions(props, "c", TimeSpan.Zero, TimeSpan.FromSeconds(1), 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minBackoff");
        FluentActions.Invoking(() => new BackoffOptions(props, "c", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxBackoff");
        FluentActions.Invoking(() => new BackoffOptions(props, "c", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 2))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("randomFactor");
    }
}
