using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.Engine;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>The task_view read model on a one-node engine: the projection follows the journal; lists filter and page it.</summary>
public sealed class TaskViewSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine.read-model {
      batch-size = 50
      retention = 1d
    }
    """)
{
    [Fact]
    public async Task Finished_tasks_are_listed_with_their_end_and_filters_narrow_the_list()
    {
        await SubmitAsync(new TaskSpec { Id = "list-a", Type = "noop", Labels = Labels("team", "billing"), Priority = 7 });
        await SubmitAsync(new TaskSpec { Id = "list-b", Type = "sleep", Payload = Json("""{"fail":"io"}"""), Retry = RetryPolicy.Default with { MaxAttempts = 1 } });
        await SubmitAsync(new TaskSpec { Id = "list-c", Type = "noop", Labels = Labels("team", "search") });
        AwaitState("list-a", TaskState.Succeeded);
        AwaitState("list-b", TaskState.Failed);
        AwaitState("list-c", TaskState.Succeeded);

        var all = AwaitList(new TaskQuery(), page => page.Tasks.Count == 3 && page.Tasks.All(t => t.FinishedAt is not null));

        var a = all.Tasks.Single(t => t.Id == "list-a");
        a.Should().BeEquivalentTo(await GetAsync("list-a"), options => options.Excluding(t => t.Result), "the row says what a get says");
        all.Tasks.Single(t => t.Id == "list-b").LastError!.Kind.Should().Be("io");
        (await Client.ListAsync(new TaskQuery { State = TaskState.Failed })).Tasks.Select(t => t.Id).Should().Equal("list-b");
        (await Client.ListAsync(new TaskQuery { Type = "noop" })).Tasks.Select(t => t.Id).Should().BeEquivalentTo(["list-a", "list-c"]);
        (await Client.ListAsync(new TaskQuery { Label = new("team", "billing") })).Tasks.Select(t => t.Id).Should().Equal("list-a");
        (await Client.ListAsync(new TaskQuery { Label = new("team", "none") })).Tasks.Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_follow_each_other_newest_first_and_cover_every_task_once()
    {
        var ids = Enumerable.Range(0, 23).Select(i => "page-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            await SubmitAsync(Noop(id));
        }

        AwaitList(new TaskQuery { Limit = 1000 }, page => page.Tasks.Count == ids.Count);

        var seen = new List<TaskView>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Client.ListAsync(new TaskQuery { Limit = 5, After = after });
            page.Tasks.Count.Should().BeLessThanOrEqualTo(5);
            seen.AddRange(page.Tasks);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        pages.Should().Be(5);
        seen.Select(t => t.Id).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
        seen.Select(t => (t.SubmittedAt, t.Id)).Should().BeInDescendingOrder(Comparer<(DateTimeOffset, string)>.Create((x, y) =>
            x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1) : string.CompareOrdinal(x.Item2, y.Item2)));
    }

    [Fact]
    public async Task A_deleted_task_leaves_the_list()
    {
        await SubmitAsync(Noop("gone-1"));
        AwaitState("gone-1", TaskState.Succeeded);
        AwaitList(new TaskQuery(), page => page.Tasks.Any(t => t.Id == "gone-1"));

        (await Client.DeleteAsync("gone-1")).Should().BeOfType<TaskReply.Accepted>();

        AwaitList(new TaskQuery(), page => page.Tasks.All(t => t.Id != "gone-1"));
    }

    [Fact]
    public async Task A_task_submitted_again_after_a_delete_is_listed_by_its_new_labels_only()
    {
        await SubmitAsync(new TaskSpec { Id = "relabel", Type = "noop", Labels = Labels("team", "old") });
        AwaitState("relabel", TaskState.Succeeded);
        AwaitList(new TaskQuery { Label = new("team", "old") }, page => page.Tasks.Any(t => t.Id == "relabel"));
        (await Client.DeleteAsync("relabel")).Should().BeOfType<TaskReply.Accepted>();
        AwaitList(new TaskQuery(), page => page.Tasks.All(t => t.Id != "relabel"));

        // Submitted again without labels: its first event is not its journal's first, so the old labels must go.
        await SubmitAsync(Noop("relabel"));
        AwaitState("relabel", TaskState.Succeeded);

        AwaitList(new TaskQuery(), page => page.Tasks.Any(t => t.Id == "relabel" && t.State == TaskState.Succeeded));
        (await Client.ListAsync(new TaskQuery { Label = new("team", "old") })).Tasks.Should().BeEmpty();
    }

    [Fact]
    public async Task Watching_a_task_shows_each_of_its_states_up_to_its_end()
    {
        await SubmitAsync(Noop("watch-1"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20), Sys.TimeProvider);
        var states = new List<TaskState>();

        await foreach (var view in Client.WatchAsync("watch-1", cancel.Token))
        {
            states.Add(view.State);
            if (view.State is TaskState.Succeeded)
            {
                break;
            }
        }

        states.Should().StartWith(TaskState.Ready).And.EndWith(TaskState.Succeeded).And.Contain(TaskState.Running);
    }

    [Theory]
    [InlineData(0, null, "limit: must be from 1 to 1000, was 0")]
    [InlineData(1001, null, "limit: must be from 1 to 1000, was 1001")]
    [InlineData(10, "not-a-cursor", "after: is not a cursor this service gave out: 'not-a-cursor'")]
    public async Task A_bad_query_is_refused_naming_what_is_wrong(int limit, string? after, string expected)
    {
        var list = () => Client.ListAsync(new TaskQuery { Limit = limit, After = after });

        (await list.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith(expected);
    }

    private TaskPage AwaitList(TaskQuery query, Func<TaskPage, bool> done)
    {
        TaskPage? page = null;
        AwaitCondition(() => done(page = Client.ListAsync(query).GetAwaiter().GetResult()), TimeSpan.FromSeconds(15));
        return page!;
    }

    private static Dictionary<string, string> Labels(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
