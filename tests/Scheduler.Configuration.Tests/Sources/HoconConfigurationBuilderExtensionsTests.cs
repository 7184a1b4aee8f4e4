using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration.Tests.Sources;

public sealed class HoconConfigurationBuilderExtensionsTests : IDisposable
{
    private const string Reference = """
        scheduler {
          name = node
          workers = 4
          queues = [high, low]
          retry { attempts = 3, backoff = 1s }
        }
        """;

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AddHoconString_LoadsFlattenedKeys()
    {
        var configuration = new ConfigurationBuilder().AddHoconString(Reference, "reference.conf").Build();

        configuration["scheduler:name"].Should().Be("node");
        configuration["scheduler:queues:1"].Should().Be("low");
        configuration["scheduler:retry:attempts"].Should().Be("3");
    }

    [Fact]
    public void AddHoconString_FollowedByInMemoryValues_IsOverriddenByThem()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString(Reference, "reference.conf")
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal) { ["scheduler:workers"] = "8" })
            .Build();

        configuration["scheduler:workers"].Should().Be("8");
        configuration["scheduler:name"].Should().Be("node");
    }

    [Fact]
    public void AddHoconString_FollowedByEnvironmentVariables_IsOverriddenByThem()
    {
        var prefix = $"HOCON_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "scheduler__retry__attempts", "9");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHoconString(Reference)
                .AddEnvironmentVariables(prefix)
                .Build();

            configuration["scheduler:retry:attempts"].Should().Be("9");
            configuration["scheduler:retry:backoff"].Should().Be("1s");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "scheduler__retry__attempts", null);
        }
    }

    [Fact]
    public void AddHoconString_BoundToOptions_FillsScalarsAndLists()
    {
        var configuration = new ConfigurationBuilder().AddHoconString(Reference).Build();

        var options = configuration.GetSection("scheduler").Get<SchedulerOptions>();

        options.Should().BeEquivalentTo(new SchedulerOptions { Name = "node", Workers = 4, Queues = ["high", "low"] });
    }

    [Fact]
    public void AddHoconString_MalformedText_FailsTheBuildWithTheLocation()
    {
        var build = () => new ConfigurationBuilder().AddHoconString("a {\n  b = [1\n}", "broken.conf").Build();

        build.Should().Throw<HoconException>().WithMessage("broken.conf:3:1: *");
    }

    [Fact]
    public void AddHoconFile_LoadsTheFileAndItsRelativeIncludes()
    {
        _folder.Write("conf/app.conf", "include \"common.conf\"\nscheduler.workers = 2");
        _folder.Write("conf/common.conf", Reference);

        var configuration = new ConfigurationBuilder()
            .SetBasePath(_folder.Path)
            .AddHoconFile("conf/app.conf")
            .Build();

        configuration["scheduler:workers"].Should().Be("2");
        configuration["scheduler:name"].Should().Be("node");
    }

    [Fact]
    public void AddHoconFile_AbsolutePath_IsLoaded()
    {
        var path = _folder.Write("app.conf", "a.b = 1");

        var configuration = new ConfigurationBuilder().AddHoconFile(path).Build();

        configuration["a:b"].Should().Be("1");
    }

    [Fact]
    public void AddHoconFile_MissingOptionalFile_AddsNothing()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconFile(Path.Combine(_folder.Path, "absent.conf"), optional: true)
            .Build();

        configuration.AsEnumerable().Should().BeEmpty();
    }

    [Fact]
    public void AddHoconFile_MissingRequiredFile_FailsTheBuild()
    {
        var build = () => new ConfigurationBuilder().AddHoconFile(Path.Combine(_folder.Path, "absent.conf")).Build();

        build.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void AddHoconFile_MalformedFile_FailsTheBuildWithTheLocation()
    {
        var path = _folder.Write("broken.conf", "a = 1\nb = ${missing}");

        var build = () => new ConfigurationBuilder().AddHoconFile(path).Build();

        build.Should().Throw<InvalidDataException>()
            .WithInnerException<HoconException>()
            .WithMessage("broken.conf:2:5: could not resolve substitution ${missing}*");
    }

    public sealed class SchedulerOptions
    {
        public string Name { get; set; } = "";

        public int Workers { get; set; }

        public IList<string> Queues { get; set; } = [];
    }
}
