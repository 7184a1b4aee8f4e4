using System.Text.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tests.Model;

public sealed class TaskSpecValidatorSpec
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static TaskSpec Valid => new() { Id = "t-1", Type = "noop" };

    public static TheoryData<string, Func<TaskSpec, TaskSpec>> Broken => new()
    {
        { "id", s => s with { Id = "has space" } },
        { "id", s => s with { Id = new string('a', 201) } },
        { "type", s => s with { Type = "" } },
        { "type", s => s with { Type = "shell/../x" } },
        { "priority", s => s with { Priority = 10 } },
        { "priority", s => s with { Priority = -1 } },
        { "runAt", s => s with { RunAt = Now, Delay = TimeSpan.FromSeconds(1) } },
        { "runAt", s => s with { RunAt = Now.AddYears(20) } },
        { "delay", s => s with { Delay = TimeSpan.FromSeconds(-1) } },
        { "retry", s => s with { Retry = null! } },
        { "retry.maxAttempts", s => s with { Retry = s.Retry with { MaxAttempts = 0 } } },
        { "retry.initialBackoff", s => s with { Retry = s.Retry with { InitialBackoff = TimeSpan.Zero } } },
        { "retry.multiplier", s => s with { Retry = s.Retry with { Multiplier = 0.5 } } },
        { "retry.multiplier", s => s with { Retry = s.Retry with { Multiplier = double.NaN } } },
        { "retry.maxBackoff", s => s with { Retry = s.Retry with { MaxBackoff = TimeSpan.FromMilliseconds(1) } } },
        { "retry.jitter", s => s with { Retry = s.Retry with { Jitter = 1.5 } } },
        { "retry.nonRetryableErrors", s => s with { Retry = s.Retry with { NonRetryableErrors = [""] } } },
        { "startToCloseTimeout", s => s with { StartToCloseTimeout = TimeSpan.Zero } },
        { "heartbeatTimeout", s => s with { HeartbeatTimeout = TimeSpan.FromSeconds(-5) } },
        { "placement", s => s with { Placement = null! } },
        { "placement.strategy", s => s with { Placement = s.Placement with { Strategy = (PlacementStrategy)42 } } },
        { "placement.requiredTags", s => s with { Placement = s.Placement with { RequiredTags = ["gpu", "no spaces"] } } },
        { "placement.role", s => s with { Placement = s.Placement with { Role = "" } } },
        { "placement.resources.slots", s => s with { Placement = s.Placement with { Resources = new ResourceRequest { Slots = 0 } } } },
        { "placement.resources.cpuMillis", s => s with { Placement = s.Placement with { Resources = new ResourceRequest { CpuMillis = -1 } } } },
        { "placement.resources.memoryMiB", s => s with { Placement = s.Placement with { Resources = new ResourceRequest { MemoryMiB = -1 } } } },
        { "placement.affinityKey", s => s with { Placement = s.Placement with { Strategy = PlacementStrategy.ConsistentHash } } },
        { "idempotencyKey", s => s with { IdempotencyKey = "" } },
        { "labels", s => s with { Labels = new Dictionary<string, string> { ["bad key"] = "v" } } },
        { "labels.team", s => s with { Labels = new Dictionary<string, string> { ["team"] = new string('v', 300) } } },
        { "parentId", s => s with { ParentId = "a/b" } },
    };

    [Fact]
    public void A_minimal_spec_is_valid() =>
        TaskSpecValidator.Validate(Valid, TaskLimits.Default, Now).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_field_is_named(string field, Func<TaskSpec, TaskSpec> breakIt)
    {
        var errors = TaskSpecValidator.Validate(breakIt(Valid), TaskLimits.Default, Now);

        errors.Should().ContainSingle().Which.Field.Should().Be(field);
        errors[0].Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = TaskSpecValidator.Validate(Valid with { Type = "", Priority = 12, Delay = TimeSpan.FromSeconds(-1) }, TaskLimits.Default, Now);

        errors.Select(e => e.Field).Should().BeEquivalentTo("type", "priority", "delay");
        errors.Single(e => e.Field == "priority").ToString().Should().Be("priority: must be between 0 and 9, was 12");
    }

    [Fact]
    public void A_payload_over_the_limit_is_refused_with_its_size()
    {
        var payload = JsonSerializer.SerializeToElement(new { data = new string('x', 300 * 1024) });

        var errors = TaskSpecValidator.Validate(Valid with { Payload = payload }, TaskLimits.Default, Now);

        errors.Should().ContainSingle().Which.Message.Should().Contain("more than the limit of 262144");
        TaskSpecValidator.Validate(Valid with { Payload = payload }, TaskLimits.Default with { MaxPayloadBytes = 400 * 1024 }, Now)
            .Should().BeEmpty();
    }

    [Fact]
    public void A_time_in_the_past_or_a_json_null_payload_is_fine()
    {
        var spec = Valid with { RunAt = Now.AddHours(-1), Payload = JsonSerializer.SerializeToElement<object?>(null) };

        TaskSpecValidator.Validate(spec, TaskLimits.Default, Now).Should().BeEmpty();
        spec.DueAt(Now).Should().Be(Now.AddHours(-1));
        (Valid with { Delay = TimeSpan.FromMinutes(5) }).DueAt(Now).Should().Be(Now.AddMinutes(5));
        Valid.DueAt(Now).Should().Be(Now);
    }

    [Fact]
    public void A_spec_reads_back_from_json_with_defaults_for_what_is_missing()
    {
        const string json = """
            {"id":"job-7","type":"shell","payload":{"cmd":"echo","args":["hi"]},"priority":8,
             "placement":{"strategy":"BestFit","requiredTags":["linux"],"resources":{"slots":2}},
             "labels":{"team":"core"}}
            """;

        var spec = JsonSerializer.Deserialize<TaskSpec>(json, Web)!;

        spec.Retry.Should().Be(RetryPolicy.Default);
        spec.Placement.Strategy.Should().Be(PlacementStrategy.BestFit);
        spec.Placement.Resources.Slots.Should().Be(2);
        spec.Payload!.Value.GetProperty("cmd").GetString().Should().Be("echo");
        TaskSpecValidator.Validate(spec, TaskLimits.Default, Now).Should().BeEmpty();
    }
}
