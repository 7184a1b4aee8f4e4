namespace Scheduler.Configuration.Tests.Units;

public sealed class HoconDurationTests
{
    [Theory]
    [InlineData("5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("100ms", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250 millis", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1 millisecond", TimeSpan.TicksPerMillisecond)]
    [InlineData("2 minutes", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3m", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("4 hours", 4 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("7 days", 7 * TimeSpan.TicksPerDay)]
    [InlineData("10us", 10 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("3 micros", 3 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("500ns", 5)]
    [InlineData("100 nanoseconds", 1)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("0.5 seconds", TimeSpan.TicksPerSecond / 2)]
    [InlineData("750", 750 * TimeSpan.TicksPerMillisecond)]
    [InlineData("  42 s  ", 42 * TimeSpan.TicksPerSecond)]
    [InlineData("0", 0)]
    public void Parse_NumberAndUnit_ReturnsTheDuration(string text, long expectedTicks)
    {
        HoconDuration.Parse(text).Should().Be(TimeSpan.FromTicks(expectedTicks));
    }

    [Fact]
    public void Parse_Infinite_ReturnsInfiniteTimeSpan()
    {
        HoconDuration.Parse("infinite").Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5 fortnights")]
    [InlineData("5S")]
    [InlineData("-1s")]
    [InlineData("1.2.3s")]
    [InlineData("5 s s")]
    [InlineData("99999999999999999999999999 days")]
    [InlineData("forever")]
    public void Parse_BadText_ThrowsFormatExceptionNamingTheText(string text)
    {
        var parse = () => HoconDuration.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"'{text}' is not a duration*");
    }

    [Fact]
    public void TryParse_BadText_ReturnsFalse()
    {
        HoconDuration.TryParse("soon", out _).Should().BeFalse();
        HoconDuration.TryParse(null, out _).Should().BeFalse();
    }
}
