using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>The bounds on submitted tasks come from <c>scheduler.engine.limits</c>; bad values are refused naming the key.</summary>
public sealed class TaskLimitsSettingsSpec
{
    [Fact]
    public async Task The_reference_configuration_gives_the_documented_defaults()
    {
        (await LimitsAsync(string.Empty)).Should().Be(TaskLimits.Default);
    }

    [Fact]
    public async Task Configured_limits_are_the_ones_submits_are_validated_against()
    {
        var limits = await LimitsAsync("""
            scheduler.engine.limits { max-payload = 1KiB, max-labels = 1, max-children = 3, max-schedule-ahead = 2h }
            """);

        limits.Should().Be(TaskLimits.Default with { MaxPayloadBytes = 1024, MaxLabels = 1, MaxChildren = 3, MaxScheduleAhead = TimeSpan.FromHours(2) });
        var now = DateTimeOffset.UnixEpoch;
        var spec = new TaskSpec
        {
            Id = "big",
            Type = "noop",
            Payload = JsonSerializer.SerializeToElement(new string('x', 2000)),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "1", ["b"] = "2" },
            RunAt = now.AddHours(3),
        };
        TaskSpecValidator.Validate(spec, limits, now).Select(e => e.Field).Should().Contain(["payload", "labels", "runAt"]);
        TaskSpecValidator.Validate(spec, TaskLimits.Default, now).Should().BeEmpty();
    }

    [Theory]
    [InlineData("max-payload = 0", "*scheduler.engine.limits.max-payload*")]
    [InlineData("max-payload = 4GiB", "*scheduler.engine.limits.max-payload*")]
    [InlineData("max-result = lots", "*scheduler.engine.limits.max-result*lots*")]
    [InlineData("max-labels = -1", "*scheduler.engine.limits.max-labels*")]
    [InlineData("max-name-length = 0", "*scheduler.engine.limits.max-name-length*")]
    [InlineData("max-schedule-ahead = 0s", "*scheduler.engine.limits.max-schedule-ahead*")]
    public async Task A_bad_limit_is_refused_naming_its_key(string setting, string message)
    {
        var act = () => LimitsAsync("scheduler.engine.limits { " + setting + " }");

        await act.Should().ThrowAsync<ConfigurationException>().WithMessage(message);
    }

    private static async Task<TaskLimits> LimitsAsync(string hocon) => (await EngineSettingsOf.ReadAsync(hocon, "limits")).Limits;
}
