using Scheduler.Remote.Faults;
using Scheduler.TestKit;

namespace Scheduler.Remote.Tests.Faults;

public sealed class LinkFaultsSpec
{
    [Theory]
    [InlineData(0, 1000, 0)]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 1000, 1000)]
    [InlineData(500, 1000, 500)]
    [InlineData(64 * 1024, 32 * 1024, 2000)]
    public void Time_to_send_is_bytes_over_rate(long bytes, long bytesPerSecond, int expectedMilliseconds) =>
        LinkFaults.TimeToSend(bytes, bytesPerSecond).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [Fact]
    public void A_blackhole_is_lifted_per_direction()
    {
        var link = new LinkFaults(TimeProvider.System);
        link.DropSends.Should().BeFalse();
        link.DropReceives.Should().BeFalse();

        link.Blackhole(sends: true, receives: true);
        link.PassThrough(sends: false, receives: true);

        link.DropSends.Should().BeTrue();
        link.DropReceives.Should().BeFalse();
    }

    [Fact]
    public void Pass_through_on_sends_lifts_the_throttle()
    {
        var link = new LinkFaults(TimeProvider.System);
        link.Throttle(1000);
        link.SendBytesPerSecond.Should().Be(1000);

        link.PassThrough(sends: true, receives: false);

        link.SendBytesPerSecond.Should().Be(0);
        link.WaitToSendAsync(1_000_000, CancellationToken.None).IsCompleted.Should().BeTrue("an unthrottled link never waits");
    }

    [Fact]
    public async Task A_throttled_send_waits_on_the_clock()
    {
        var time = new FakeTimeProvider();
        var link = new LinkFaults(time);
        link.Throttle(1000);

        var wait = link.WaitToSendAsync(2000, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        wait.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_throttle_needs_a_positive_rate() =>
        new LinkFaults(TimeProvider.System).Invoking(link => link.Throttle(0)).Should().Throw<ArgumentOutOfRangeException>();
}
