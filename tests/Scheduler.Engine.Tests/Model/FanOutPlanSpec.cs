using System.Text.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tests.Model;

public sealed class FanOutPlanSpec
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_child_is_keyed_by_its_own_id_or_its_index()
    {
        var plan = FanOutPlan.Of("p", [new() { Type = "a" }, new() { Id = "named", Type = "a" }, new() { Type = "a", ParentId = "p" }], TaskLimits.Default, Now);

        plan.Errors.Should().BeEmpty();
        plan.Children.Select(child => child.Id).Should().Equal("p:0", "p:named", "p:2");
        plan.Children.Should().OnlyContain(child => child.ParentId == "p");
    }

    [Theory]
    [InlineData("parentId", "children[0].parentId: is 'other', but the children of 'p' belong to it; leave it out")]
    [InlineData("occurrence", "children[0].occurrence: is set by schedules only")]
    [InlineData("idempotencyKey", "children[0].idempotencyKey: does not apply: a child is identified by its key under the parent")]
    [InlineData("type", "children[0].type: is required")]
    [InlineData("id", "children[0].id: must be 1 to 200 characters")]
    [InlineData("twice", "children[1].id: gives the child id 'p:k' a second time")]
    public void A_bad_child_is_named_with_its_index_and_field(string what, string expected)
    {
        TaskSpec good = new() { Id = "k", Type = "a" };
        IReadOnlyList<TaskSpec> children = what switch
        {
            "parentId" => [good with { ParentId = "other" }],
            "occurrence" => [good with { Occurrence = new ScheduleOccurrence("s", Now) }],
            "idempotencyKey" => [good with { IdempotencyKey = "x" }],
            "type" => [good with { Type = "" }],
            "id" => [good with { Id = new string('k', 199) }],
            _ => [good, good],
        };

        var plan = FanOutPlan.Of("p", children, TaskLimits.Default, Now);

        plan.Children.Should().BeEmpty("any error rejects the whole fan-out");
        plan.Errors.Select(error => error.ToString()).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Too_many_children_or_too_much_json_together_is_refused()
    {
        var limits = TaskLimits.Default with { MaxChildren = 2 };
        var payload = JsonSerializer.SerializeToElement(new string('x', 1000));
        var one = FanOutPlan.Of("p", [new() { Type = "a", Payload = payload }], limits, Now);
        var size = JsonSerializer.SerializeToUtf8Bytes(one.Children[0], Web).Length;

        FanOutPlan.Of("p", [new() { Type = "a" }, new() { Type = "a" }, new() { Type = "a" }], limits, Now).Errors
            .Should().ContainSingle().Which.ToString().Should().Be("children: holds 3 tasks, more than the limit of 2");
        FanOutPlan.Of("p", [new() { Type = "a", Payload = payload }, new() { Type = "a", Payload = payload }], limits with { MaxFanOutBytes = (2 * size) - 1 }, Now)
            .Errors.Should().ContainSingle().Which.ToString().Should().Be($"children: take {2 * size} bytes of JSON together, more than the limit of {(2 * size) - 1}");
        FanOutPlan.Of("p", [new() { Type = "a", Payload = payload }, new() { Type = "a", Payload = payload }], limits with { MaxFanOutBytes = 2 * size }, Now)
            .Errors.Should().BeEmpty();
    }
}
