
namespace Scheduler.TestKit.Tests;

public sealed class FakeTimeProviderSpec
{
    [Fact]
    public void Timers_fire_in_due_order_only_when_time_is_advanced()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        fired.Should().BeEmpty();
        clock.Advance(TimeSpan.FromSeconds(1));
        fired.Should().Equal("early");
        clock.Advance(TimeSpan.FromSeconds(10));
        fired.Should().Equal("early", "late");
        clock.PendingTimers.Should().Be(0);
    }

    [Fact]
    public void A_periodic_timer_sees_the_clock_at_each_of_its_due_times()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        var seen = new List<TimeSpan>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.GetUtcNow() - start), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        clock.Advance(TimeSpan.FromSeconds(10));

        seen.Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8));
        clock.GetUtcNow().Should().Be(start + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Disposed_and_changed_timers_behave_like_real_ones()
    {
        var clock = new FakeTimeProvider();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        count.Should().Be(2);

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(4));
        count.Should().Be(2);
        clock.Advance(TimeSpan.FromSeconds(1));
        count.Should().Be(3);

        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));
        count.Should().Be(3);
    }

    [Fact]
    public void A_timer_created_by_a_callback_fires_within_the_same_advance_when_due()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<string>();
        ITimer? inner = null;
        using var outer = clock.CreateTimer(_ => inner = clock.CreateTimer(_ => fired.Add("inner"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2));

        fired.Should().Equal("inner");
        inner!.Dispose();
    }

    [Fact]
    public void Time_never_moves_backwards()
    {
        var clock = new FakeTimeProvider();
        FluentActions.Invoking(() => clock.Advance(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
        clock.GetElapsedTime(clock.GetTimestamp()).Should().Be(TimeSpan.Zero);
    }
}
