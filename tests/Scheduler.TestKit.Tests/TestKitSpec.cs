using Scheduler.Actors;
using Xunit.Abstractions;

namespace Scheduler.TestKit.Tests;

/// <summary>The test kit's own expectations must fail when they are not met, or the tests built on them prove nothing.</summary>
public sealed class TestKitSpec(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public void ExpectMsg_fails_when_nothing_arrives_and_when_the_wrong_thing_does()
    {
        FluentActions.Invoking(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)))
            .Should().Throw<AssertionFailedException>().WithMessage("*String*none arrived*");

        TestActor.Tell(5, null);
        FluentActions.Invoking(() => ExpectMsg<string>())
            .Should().Throw<AssertionFailedException>().WithMessage("*String*got Int32 5*");

        TestActor.Tell("x", null);
        FluentActions.Invoking(() => ExpectMsg("y"))
            .Should().Throw<AssertionFailedException>().WithMessage("*does not satisfy*");
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise", null);
        FluentActions.Invoking(() => ExpectNoMsg(TimeSpan.FromMilliseconds(50)))
            .Should().Throw<AssertionFailedException>().WithMessage("*surprise*");
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_and_rejects_strangers()
    {
        TestActor.Tell(2, null);
        TestActor.Tell(1, null);
        ExpectMsgAllOf(1, 2).Should().Equal(2, 1);

        TestActor.Tell(3, null);
        FluentActions.Invoking(() => ExpectMsgAllOf(1)).Should().Throw<AssertionFailedException>();
    }

    [Fact]
    public void FishForMessage_skips_until_the_match_and_ReceiveWhile_stops_at_the_first_miss()
    {
        foreach (var n in new[] { 1, 2, 3, 10, 4 })
        {
            TestActor.Tell(n, null);
        }

        FishForMessage<int>(n => n == 2).Should().Be(2);
        ReceiveWhile(m => m is int n && n < 5 ? (object)n : null).Should().Equal(3);
        ExpectMsg(10);
        ExpectMsg(4);
    }

    [Fact]
    public void Within_fails_when_the_block_takes_too_long_and_bounds_inner_expectations()
    {
        FluentActions.Invoking(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>()))
            .Should().Throw<AssertionFailedException>();
    }

    [Fact]
    public void EventFilter_fails_when_the_expected_log_line_does_not_appear_or_appears_too_often()
    {
        FluentActions.Invoking(() => EventFilter.Error("never logged").ExpectOne(() => { }))
            .Should().Throw<AssertionFailedException>().WithMessage("*saw 0*");

        FluentActions.Invoking(() => EventFilter.Info("twice").ExpectOne(() =>
            {
                Sys.Log.LogInformationTwice();
            }))
            .Should().Throw<AssertionFailedException>().WithMessage("*saw 2*");
    }

    [Fact]
    public void AwaitCondition_fails_with_the_given_message_when_the_condition_never_holds()
    {
        FluentActions.Invoking(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), message: "never true"))
            .Should().Throw<AssertionFailedException>().WithMessage("*never true*");
    }

    [Fact]
    public void Probes_can_watch_actors_and_reply()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        probe.LastSender.Should().Be(echo);

        probe.Watch(echo);
        Sys.Stop(echo);
        probe.ExpectTerminated(echo);
    }
}

internal static class LogTwice
{
    public static void LogInformationTwice(this Microsoft.Extensions.Logging.ILogger logger)
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "twice");
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "twice");
    }
}

internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
