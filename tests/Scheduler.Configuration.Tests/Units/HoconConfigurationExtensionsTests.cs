using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration.Tests.Units;

public sealed class HoconConfigurationExtensionsTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddHoconString("""
            scheduler {
              heartbeat = 5s
              timeout = infinite
              frame-size = 64MiB
              broken-duration = soon
              broken-size = lots
            }
            """)
        .Build();

    [Fact]
    public void GetDuration_PresentKey_ParsesTheValue()
    {
        Configuration.GetDuration("scheduler:heartbeat", TimeSpan.Zero).Should().Be(TimeSpan.FromSeconds(5));
        Configuration.GetDuration("scheduler:timeout", TimeSpan.Zero).Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void GetDuration_AbsentKey_ReturnsTheDefault()
    {
        Configuration.GetDuration("scheduler:absent", TimeSpan.FromMinutes(1)).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void GetDuration_MalformedValue_ThrowsNamingTheKeyFromTheRoot()
    {
        var read = () => Configuration.GetSection("scheduler").GetDuration("broken-duration", TimeSpan.Zero);

        read.Should().Throw<InvalidOperationException>()
            .WithMessage("Configuration key 'scheduler:broken-duration' is not a valid duration: 'soon' is not a duration*")
            .WithInnerException<FormatException>();
    }

    [Fact]
    public void GetSize_PresentKey_ParsesTheValue()
    {
        Configuration.GetSize("scheduler:frame-size", 0).Should().Be(64L * 1024 * 1024);
    }

    [Fact]
    public void GetSize_AbsentKey_ReturnsTheDefault()
    {
        Configuration.GetSize("scheduler:absent", 4096).Should().Be(4096);
    }

    [Fact]
    public void GetSize_MalformedValue_ThrowsNamingTheKey()
    {
        var read = () => Configuration.GetSize("scheduler:broken-size", 0);

        read.Should().Throw<InvalidOperationException>()
            .WithMessage("Configuration key 'scheduler:broken-size' is not a valid size: 'lots' is not a size in bytes*");
    }
}
