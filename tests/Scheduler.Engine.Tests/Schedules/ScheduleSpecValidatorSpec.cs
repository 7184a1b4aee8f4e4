using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules;

namespace Scheduler.Engine.Tests.Schedules;

public sealed class ScheduleSpecValidatorSpec
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly ScheduleSpec Valid = new()
    {
        Id = "nightly-report",
        Trigger = new ScheduleTrigger { Cron = "0 2 * * *", TimeZone = "Europe/Berlin" },
        Task = new TaskSpec { Type = "noop" },
    };

    private static IReadOnlyList<ValidationError> Check(ScheduleSpec spec) => ScheduleSpecValidator.Validate(spec, new TaskLimits(), Now);

    [Fact]
    public void A_valid_schedule_has_no_error() => Check(Valid).Should().BeEmpty();

    public static TheoryData<string, ScheduleSpec, string> Broken() => new()
    {
        { "bad id", Valid with { Id = "no spaces" }, "id" },
        { "no trigger", Valid with { Trigger = new ScheduleTrigger() }, "trigger" },
        { "both triggers", Valid with { Trigger = new ScheduleTrigger { Cron = "* * * * *", Every = TimeSpan.FromMinutes(1) } }, "trigger" },
        { "tiny interval", Valid with { Trigger = new ScheduleTrigger { Every = TimeSpan.FromMilliseconds(10) } }, "trigger.every" },
        { "bad cron", Valid with { Trigger = new ScheduleTrigger { Cron = "61 * * * *" } }, "trigger.cron" },
        { "unknown zone", Valid with { Trigger = Valid.Trigger with { TimeZone = "Mars/Olympus" } }, "trigger.timeZone" },
        { "jitter over interval", Valid with { Trigger = new ScheduleTrigger { Every = TimeSpan.FromMinutes(1) }, Jitter = TimeSpan.FromMinutes(2) }, "jitter" },
        { "end before start", Valid with { StartAt = Now, EndAt = Now.AddHours(-1) }, "endAt" },
        { "no catch-up", Valid with { MaxCatchUp = 0 }, "maxCatchUp" },
        { "negative threshold", Valid with { MisfireThreshold = TimeSpan.FromSeconds(-1) }, "misfireThreshold" },
        { "unknown misfire", Valid with { Misfire = (MisfirePolicy)9 }, "misfire" },
        { "unknown overlap", Valid with { Overlap = (OverlapPolicy)9 }, "overlap" },
        { "template with id", Valid with { Task = Valid.Task with { Id = "fixed" } }, "task" },
        { "template without type", Valid with { Task = new TaskSpec() }, "task.type" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_field_is_named(string because, ScheduleSpec spec, string field) =>
        Check(spec).Select(e => e.Field).Should().Contain(field, because);

    [Fact]
    public void Every_broken_field_is_named_at_once()
    {
        var errors = Check(Valid with { Id = string.Empty, MaxCatchUp = -1, Task = new TaskSpec() });

        errors.Select(e => e.Field).Should().Contain(["id", "maxCatchUp", "task.type"]);
    }
}
