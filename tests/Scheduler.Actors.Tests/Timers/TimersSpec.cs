using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Timers;

public sealed class TimersSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    private FakeTimeProvider Clock => FakeTime!;

    /// <summary>Starts, replaces and cancels timers on request; forwards ticks to the probe.</summary>
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public Ticker(IActorRef probe)
        {
            Receive<Single>(s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                Sender.Tell("started", Self);
            });
            Receive<Periodic>(p =>
            {
                Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval);
                Sender.Tell("started", Self);
            });
            Receive<Cancel>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("cancelled", Self);
            });
            Receive<Active>(a => Sender.Tell(Timers.IsTimerActive(a.Key), Self));
            Receive<string>(_ => throw new InvalidOperationException("restart me"), s => s == "fail");
            Receive<string>(tick => probe.Tell(tick, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        public sealed record Single(string Key, string Message, TimeSpan Delay);

        public sealed record Periodic(string Key, string Message, TimeSpan Interval);

        public sealed record Cancel(string Key);

        public sealed record Active(string Key);
    }

    private (IActorRef Ticker, TestProbe Ticks) NewTicker()
    {
        var ticks = CreateTestProbe();
        return (Sys.ActorOf(Props.Create(() => new Ticker(ticks.Ref))), ticks);
    }

    [Fact]
    public void A_single_timer_fires_once_when_its_time_comes()
    {
        var (ticker, ticks) = NewTicker();
        ticker.Tell(new Ticker.Single("k", "tick", TimeSpan.FromSeconds(10)), TestActor);
        ExpectMsg("started");

        Clock.Advance(TimeSpan.FromSeconds(9));
        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromSeconds(1));
        ticks.ExpectMsg("tick");

        Clock.Advance(TimeSpan.FromMinutes(5));
        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        ticker.Tell(new Ticker.Active("k"), TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval()
    {
        var (ticker, ticks) = NewTicker();
        ticker.Tell(new Ticker.Periodic("p", "beat", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("started");

        Clock.Advance(TimeSpan.FromSeconds(3));

        ticks.ExpectMsg("beat");
        ticks.ExpectMsg("beat");
        ticks.ExpectMsg("beat");
        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Restarting_a_key_replaces_the_timer_and_its_pending_tick()
    {
        var (ticker, ticks) = NewTicker();
        ticker.Tell(new Ticker.Single("k", "first", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("started");
        ticker.Tell(new Ticker.Single("k", "second", TimeSpan.FromSeconds(2)), TestActor);
        ExpectMsg("started");

        Clock.Advance(TimeSpan.FromSeconds(2));

        ticks.ExpectMsg("second");
        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_cancelled_timer_never_delivers()
    {
        var (ticker, ticks) = NewTicker();
        ticker.Tell(new Ticker.Periodic("p", "beat", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("started");
        ticker.Tell(new Ticker.Cancel("p"), TestActor);
        ExpectMsg("cancelled");

        Clock.Advance(TimeSpan.FromSeconds(10));

        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var (ticker, ticks) = NewTicker();
        ticker.Tell(new Ticker.Periodic("p", "beat", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("started");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => ticker.Tell("fail", TestActor));
        ticker.Tell(new Ticker.Active("p"), TestActor);
        ExpectMsg(false);

        Clock.Advance(TimeSpan.FromSeconds(5));
        ticks.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        var (ticker, _) = NewTicker();
        ticker.Tell(new Ticker.Periodic("p", "beat", TimeSpan.FromSeconds(1)), TestActor);
        ExpectMsg("started");
        var pending = Clock.PendingTimers;

        Watch(ticker);
        Sys.Stop(ticker);
        ExpectTerminated(ticker);

        Clock.PendingTimers.Should().BeLessThan(pending, "the periodic timer was disposed with its actor");
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => probe.Tell("idle", Self));
            Receive<string>(_ => Context.SetReceiveTimeout(null), s => s == "off");
            Receive<string>(s => Sender.Tell($"ack {s}", Self));
        }
    }

    [Fact]
    public void Receive_timeout_fires_after_a_quiet_period_and_each_message_restarts_it()
    {
        var idle = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Idle(idle.Ref, TimeSpan.FromSeconds(10))));
        actor.Tell("hello", TestActor);
        ExpectMsg("ack hello");

        Clock.Advance(TimeSpan.FromSeconds(6));
        actor.Tell("still here", TestActor);
        ExpectMsg("ack still here");
        Clock.Advance(TimeSpan.FromSeconds(6));
        idle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        // The re-armed check is due 10 s after the last message, give or take where the jump of the fake clock
        // found the actor; by t = 20 s it has passed whichever way the race went.
        Clock.Advance(TimeSpan.FromSeconds(8));
        idle.ExpectMsg("idle");
    }

    [Fact]
    public void Receive_timeout_can_be_switched_off()
    {
        var idle = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Idle(idle.Ref, TimeSpan.FromSeconds(10))));
        actor.Tell("off", TestActor);
        actor.Tell("sync", TestActor);
        ExpectMsg("ack sync");

        Clock.Advance(TimeSpan.FromMinutes(1));
        idle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_system_scheduler_sends_once_and_repeatedly_on_fake_time_and_can_be_cancelled()
    {
        var once = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), TestActor, "once", null);
        var repeated = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "again", null);

        Clock.Advance(TimeSpan.FromSeconds(5));
        ExpectMsgAllOf("again", "again", "again", "once");

        repeated.Cancel();
        Clock.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        once.IsCancellationRequested.Should().BeTrue("a one-off item is spent once it ran");
    }
}

public sealed class ReceiveTimeoutAndTimersSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    private sealed class BusyWithTimers : ReceiveActor, IWithTimers
    {
        public BusyWithTimers(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(3));
            Receive<string>(_ =>
            {
                Timers.StartPeriodicTimer("beat", "beat", TimeSpan.FromSeconds(1));
                Sender.Tell("ticking", Self);
            }, s => s == "start");
            Receive<string>(_ => probe.Tell("beat", Self), s => s == "beat");
            Receive<ReceiveTimeout>(_ => probe.Tell("idle", Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    [Fact]
    public void Timer_messages_count_as_activity_for_the_receive_timeout()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new BusyWithTimers(probe.Ref)));
        actor.Tell("start", TestActor);
        ExpectMsg("ticking");

        for (var second = 0; second < 10; second++)
        {
            FakeTime!.Advance(TimeSpan.FromSeconds(1));
            probe.ExpectMsg("beat");
        }

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
