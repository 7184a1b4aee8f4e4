namespace Scheduler.Configuration.Tests.Units;

public sealed class HoconSizeTests
{
    [Theory]
    [InlineData("512B", 512L)]
    [InlineData("512", 512L)]
    [InlineData("1 byte", 1L)]
    [InlineData("3 bytes", 3L)]
    [InlineData("10k", 10L * 1024)]
    [InlineData("10K", 10L * 1024)]
    [InlineData("10 KiB", 10L * 1024)]
    [InlineData("10Ki", 10L * 1024)]
    [InlineData("10kB", 10_000L)]
    [InlineData("2 kilobytes", 2_000L)]
    [InlineData("2 kibibytes", 2_048L)]
    [InlineData("1 MB", 1_000_000L)]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("64m", 64L * 1024 * 1024)]
    [InlineData("64 megabytes", 64_000_000L)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("2G", 2L * 1024 * 1024 * 1024)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1 tebibyte", 1L << 40)]
    [InlineData("1PiB", 1L << 50)]
    [InlineData("1 EiB", 1L << 60)]
    [InlineData("1.5k", 1536L)]
    [InlineData("0.5B", 0L)]
    public void Parse_NumberAndUnit_ReturnsBytes(string text, long expected)
    {
        HoconSize.Parse(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("10 XB")]
    [InlineData("10 mb")]
    [InlineData("-5B")]
    [InlineData("8 EiB")]
    [InlineData("1 ZB")]
    [InlineData("lots")]
    public void Parse_BadText_ThrowsFormatExceptionNamingTheText(string text)
    {
        var parse = () => HoconSize.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"'{text}' is not a size in bytes*");
    }
}
