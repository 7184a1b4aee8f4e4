using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tests.Model;

public sealed class TaskIdsSpec
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("report-2026.11.21_x:y@z", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("é", false)]
    public void Names_keep_to_the_id_alphabet(string name, bool valid) =>
        TaskIds.IsValidName(name, 200).Should().Be(valid);

    [Fact]
    public void An_idempotency_key_always_gives_the_same_valid_id_and_different_keys_different_ids()
    {
        var id = TaskIds.FromIdempotencyKey("order 42 / invoice");

        id.Should().Be(TaskIds.FromIdempotencyKey("order 42 / invoice"));
        id.Should().NotBe(TaskIds.FromIdempotencyKey("order 43 / invoice"));
        TaskIds.IsValidName(id, 200).Should().BeTrue();
    }

    [Fact]
    public void An_occurrence_id_depends_on_the_instant_only()
    {
        var utc = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

        TaskIds.ForOccurrence("nightly", utc).Should().Be("nightly@20260301T093000Z");
        TaskIds.ForOccurrence("nightly", utc.ToOffset(TimeSpan.FromHours(2))).Should().Be("nightly@20260301T093000Z");
    }
}
