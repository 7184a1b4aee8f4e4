using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tests.Engine;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>The schedule_view read model on a one-node engine: schedules are listed as a get shows them, filtered by status and paged.</summary>
public sealed class ScheduleViewSpec(ITestOutputHelper output) : EngineSpecBase(output, "scheduler.engine.read-model.batch-size = 50")
{
    [Fact]
    public async Task Schedules_are_listed_newest_first_as_a_get_shows_them_and_a_deleted_one_leaves_the_list()
    {
        foreach (var id in new[] { "hourly-a", "hourly-b", "hourly-c" })
        {
            (await Client.CreateScheduleAsync(Hourly(id))).Should().BeOfType<ScheduleReply.Accepted>();
        }

        (await Client.PauseScheduleAsync("hourly-b")).Should().BeOfType<ScheduleReply.Accepted>();
        (await Client.DeleteScheduleAsync("hourly-c")).Should().BeOfType<ScheduleReply.Accepted>();

        var listed = AwaitList(new ScheduleQuery(), page =>
            page.Schedules.Select(s => s.Id).SequenceEqual(["hourly-b", "hourly-a"]) && page.Schedules[0].Status is ScheduleStatus.Paused);
        listed.Next.Should().BeNull();

        // An interval schedule fires at once, so hourly-a changes again as its first occurrence runs and ends; the row
        // catches up with what a get says.
        AwaitAssert(() =>
        {
            var got = ((ScheduleReply.Accepted)Client.GetScheduleAsync("hourly-a").GetAwaiter().GetResult()).Schedule;
            var row = Client.ListSchedulesAsync(new ScheduleQuery()).GetAwaiter().GetResult().Schedules.Single(s => s.Id == "hourly-a");
            row.Should().BeEquivalentTo(got, "the row says what a get says");
        }, TimeSpan.FromSeconds(15));
        (await Client.ListSchedulesAsync(new ScheduleQuery { Status = ScheduleStatus.Paused })).Schedules.Select(s => s.Id).Should().Equal("hourly-b");
        (await Client.ListSchedulesAsync(new ScheduleQuery { Status = ScheduleStatus.Ended })).Schedules.Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_follow_each_other_and_cover_every_schedule_once()
    {
        var ids = Enumerable.Range(0, 7).Select(i => "page-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            await Client.CreateScheduleAsync(Hourly(id));
        }

        AwaitList(new ScheduleQuery(), page => page.Schedules.Count == ids.Count);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Client.ListSchedulesAsync(new ScheduleQuery { Limit = 3, After = after });
            page.Schedules.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Schedules.Select(s => s.Id));
            after = page.Next;
        }
        while (after is not null);

        seen.Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(0, null, "limit: must be from 1 to 1000, was 0")]
    [InlineData(1001, null, "limit: must be from 1 to 1000, was 1001")]
    [InlineData(10, "nonsense", "after: is not a cursor this service gave out: 'nonsense'")]
    public async Task A_bad_query_is_refused_naming_what_is_wrong(int limit, string? after, string message)
    {
        var refused = () => Client.ListSchedulesAsync(new ScheduleQuery { Limit = limit, After = after });

        (await refused.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith(message);
    }

    private static ScheduleSpec Hourly(string id) => new()
    {
        Id = id,
        Trigger = new ScheduleTrigger { Every = TimeSpan.FromHours(1) },
        Task = new TaskSpec { Type = "noop" },
    };

    private SchedulePage AwaitList(ScheduleQuery query, Func<SchedulePage, bool> done)
    {
        SchedulePage? page = null;
        AwaitCondition(() => done(page = Client.ListSchedulesAsync(query).GetAwaiter().GetResult()), TimeSpan.FromSeconds(15));
        return page!;
    }
}
