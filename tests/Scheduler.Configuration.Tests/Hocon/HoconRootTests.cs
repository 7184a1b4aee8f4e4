namespace Scheduler.Configuration.Tests.Hocon;

using Hocon = Scheduler.Configuration.Hocon;

public sealed class HoconRootTests
{
    private static readonly HoconRoot Sample = Hocon.Parse("""
        scheduler {
          name = "main node"
          workers = 4
          enabled = on
          tags = [a, b]
          empty-list = []
          empty-object {}
          nothing = null
          "dotted.key" = 1
          nested { deep { value = 1.5 } }
        }
        """, "sample.conf");

    [Fact]
    public void ToConfigurationData_FlattensPathsToColonSeparatedKeys()
    {
        Sample.ToConfigurationData().Should().BeEquivalentTo(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["scheduler:name"] = "main node",
            ["scheduler:workers"] = "4",
            ["scheduler:enabled"] = "on",
            ["scheduler:tags:0"] = "a",
            ["scheduler:tags:1"] = "b",
            ["scheduler:empty-list"] = null,
            ["scheduler:empty-object"] = null,
            ["scheduler:nothing"] = null,
            ["scheduler:dotted.key"] = "1",
            ["scheduler:nested:deep:value"] = "1.5",
        });
    }

    [Fact]
    public void ToConfigurationData_KeysCompareIgnoringCase_AsConfigurationKeysDo()
    {
        Sample.ToConfigurationData()["SCHEDULER:WORKERS"].Should().Be("4");
    }

    [Theory]
    [InlineData("scheduler.name", "main node")]
    [InlineData("scheduler.workers", "4")]
    [InlineData("scheduler.\"dotted.key\"", "1")]
    [InlineData("scheduler.nested.deep.value", "1.5")]
    [InlineData("scheduler.nothing", null)]
    [InlineData("scheduler.absent", null)]
    [InlineData("scheduler.name.below-a-string", null)]
    public void GetString_Path_ReturnsTheScalarText(string path, string? expected)
    {
        Sample.GetString(path).Should().Be(expected);
    }

    [Fact]
    public void GetValue_Object_ReturnsFieldsInDefinitionOrder()
    {
        var value = Sample.GetValue("scheduler.nested");

        value.Should().NotBeNull();
        value!.Kind.Should().Be(HoconValueKind.Object);
        value.Fields.Keys.Should().Equal("deep");
        Sample.GetValue("scheduler")!.Fields.Keys.Should().StartWith(["name", "workers", "enabled"]);
    }

    [Theory]
    [InlineData("scheduler.workers", HoconValueKind.Number)]
    [InlineData("scheduler.enabled", HoconValueKind.String)]
    [InlineData("scheduler.tags", HoconValueKind.Array)]
    [InlineData("scheduler.nothing", HoconValueKind.Null)]
    public void GetValue_Scalar_ReportsItsKind(string path, HoconValueKind expected)
    {
        Sample.GetValue(path)!.Kind.Should().Be(expected);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a = b")]
    [InlineData("")]
    public void GetValue_MalformedPath_ThrowsArgumentException(string path)
    {
        var act = () => Sample.GetValue(path);

        act.Should().Throw<ArgumentException>().WithMessage($"'{path}' is not a valid HOCON path*");
    }

    [Fact]
    public void SourceName_IsTheNameGivenToTheParser()
    {
        Sample.SourceName.Should().Be("sample.conf");
    }
}
