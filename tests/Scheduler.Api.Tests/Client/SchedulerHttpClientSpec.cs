using System.Text.Json;
using Scheduler.Client;
using Scheduler.Client.Http;
using Scheduler.Client.Problems;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Client;

/// <summary>The typed HTTP client against a real node: every call, and each refusal as the exception that names it.</summary>
public sealed class SchedulerHttpClientSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly SchedulerHttpClient _client = new(new SchedulerClientOptions { BaseAddress = fixture.Node.Address, Token = RunningNode.Token });

    [Fact]
    public async Task A_task_is_submitted_watched_to_its_end_read_and_listed()
    {
        var spec = new TaskSpec { Id = "client-run-1", Type = "sleep", Payload = Payload("""{"ms":50}"""), Labels = Labels("suite", "http-client") };

        var first = await _client.SubmitAsync(spec);
        var again = await _client.SubmitAsync(spec);
        var states = new List<TaskState>();
        await foreach (var view in _client.WatchAsync("client-run-1"))
        {
            states.Add(view.State);
        }

        first.Created.Should().BeTrue();
        again.Created.Should().BeFalse("a task with that id exists");
        states.Should().StartWith(TaskState.Ready).And.EndWith(TaskState.Succeeded);
        (await _client.GetAsync("client-run-1")).State.Should().Be(TaskState.Succeeded);
        AwaitAssert(() => _client.ListAsync(new TaskQuery { Label = new("suite", "http-client"), State = TaskState.Succeeded }).GetAwaiter().GetResult()
            .Tasks.Select(task => task.Id).Should().Equal("client-run-1"), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Listing_every_page_follows_the_cursor_to_the_last_page()
    {
        foreach (var n in Enumerable.Range(1, 5))
        {
            await _client.SubmitAsync(new TaskSpec { Id = "paged-" + n, Type = "noop", Labels = Labels("suite", "paging") });
        }

        AwaitAssert(() => _client.ListAllAsync(new TaskQuery { Label = new("suite", "paging"), Limit = 2 }).ToListAsync().AsTask().GetAwaiter().GetResult()
            .Select(task => task.Id).Order(StringComparer.Ordinal).Should().Equal("paged-1", "paged-2", "paged-3", "paged-4", "paged-5"),
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Commands_answer_the_task_after_them_and_a_command_that_does_not_apply_is_a_conflict_naming_the_state()
    {
        await _client.SubmitAsync(new TaskSpec { Id = "client-later-1", Type = "noop", Delay = TimeSpan.FromHours(1) });

        (await _client.PauseAsync("client-later-1")).State.Should().Be(TaskState.Paused);
        (await _client.ResumeAsync("client-later-1")).State.Should().Be(TaskState.Scheduled);
        (await _client.CancelAsync("client-later-1", "not needed")).State.Should().Be(TaskState.Cancelled);
        var conflict = await Assert.ThrowsAsync<SchedulerConflictException>(() => _client.ResumeAsync("client-later-1"));
        (await _client.RerunAsync("client-later-1")).State.Should().NotBe(TaskState.Cancelled);
        (await _client.DeleteAsync("client-later-1")).State.Should().Be(TaskState.Deleted);
        var missing = await Assert.ThrowsAsync<SchedulerNotFoundException>(() => _client.GetAsync("client-later-1"));

        conflict.Status.Should().Be(409);
        conflict.Current.Should().Be("cancelled");
        conflict.Message.Should().Contain("resume").And.Contain("client-later-1");
        missing.Status.Should().Be(404);
        missing.Problem.Detail.Should().Contain("client-later-1");
    }

    [Fact]
    public async Task Invalid_input_is_a_validation_exception_that_names_each_field_and_changes_nothing()
    {
        var before = await fixture.JournalIdsAsync();

        var badTask = await Assert.ThrowsAsync<SchedulerValidationException>(() =>
            _client.SubmitAsync(new TaskSpec { Id = "client-bad-1", Type = "no-such-type", Priority = 42 }));
        var badQuery = await Assert.ThrowsAsync<SchedulerValidationException>(() => _client.ListAsync(new TaskQuery { Limit = 0 }));
        var badCursor = await Assert.ThrowsAsync<SchedulerValidationException>(() => _client.ListAsync(new TaskQuery { After = "not-a-cursor" }));
        var badSchedule = await Assert.ThrowsAsync<SchedulerValidationException>(() => _client.CreateScheduleAsync(new ScheduleSpec
        {
            Id = "client-bad-schedule",
            Trigger = new ScheduleTrigger { Cron = "61 * * * *" },
            Task = new TaskSpec { Type = "noop" },
        }));
        var emptyId = await Assert.ThrowsAsync<SchedulerValidationException>(() => _client.GetAsync(" "));

        badTask.Errors.Keys.Should().BeEquivalentTo("type", "priority");
        badQuery.Errors.Keys.Should().Equal("limit");
        badCursor.Errors.Keys.Should().Equal("after");
        badSchedule.Errors.Keys.Should().ContainSingle().Which.Should().StartWith("trigger");
        emptyId.Errors.Keys.Should().Equal("id");
        (await fixture.JournalIdsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_an_unauthorized_exception()
    {
        using var anonymous = new SchedulerHttpClient(new SchedulerClientOptions { BaseAddress = fixture.Node.Address });
        using var wrong = new SchedulerHttpClient(new SchedulerClientOptions { BaseAddress = fixture.Node.Address, Token = "wrong-token-0123456789" });

        (await Assert.ThrowsAsync<SchedulerUnauthorizedException>(() => anonymous.GetClusterAsync())).Status.Should().Be(401);
        (await Assert.ThrowsAsync<SchedulerUnauthorizedException>(() => wrong.GetAsync("anything"))).Status.Should().Be(401);
    }

    [Fact]
    public async Task Schedules_are_created_read_listed_paused_resumed_and_deleted()
    {
        var spec = new ScheduleSpec
        {
            Id = "client-nightly",
            Trigger = new ScheduleTrigger { Cron = "0 3 * * *" },
            Task = new TaskSpec { Type = "noop" },
        };

        (await _client.CreateScheduleAsync(spec)).Created.Should().BeTrue();
        (await _client.CreateScheduleAsync(spec)).Created.Should().BeFalse();
        (await _client.GetScheduleAsync("client-nightly")).Spec.Trigger.Cron.Should().Be("0 3 * * *");
        (await _client.PauseScheduleAsync("client-nightly")).Status.Should().Be(ScheduleStatus.Paused);
        AwaitAssert(() => _client.ListSchedulesAsync(new ScheduleQuery { Status = ScheduleStatus.Paused }).GetAwaiter().GetResult()
            .Schedules.Select(schedule => schedule.Id).Should().Contain("client-nightly"), TimeSpan.FromSeconds(15));
        (await _client.ResumeScheduleAsync("client-nightly")).Status.Should().Be(ScheduleStatus.Active);
        (await _client.DeleteScheduleAsync("client-nightly")).Status.Should().Be(ScheduleStatus.Deleted);
        await Assert.ThrowsAsync<SchedulerNotFoundException>(() => _client.GetScheduleAsync("client-nightly"));
    }

    [Fact]
    public async Task The_cluster_workers_and_shards_are_read_and_an_unknown_member_is_not_found()
    {
        var cluster = await _client.GetClusterAsync();
        var workers = await _client.GetWorkersAsync();
        await _client.SubmitAsync(new TaskSpec { Id = "client-shard-1", Type = "noop" });
        var shards = await _client.GetShardsAsync();

        cluster.Members.Should().ContainSingle().Which.Address.Should().Be(cluster.Self);
        cluster.Leader.Should().Be(cluster.Self);
        workers.Workers.Should().ContainSingle().Which.Node.Should().Be(cluster.Self);
        shards.Shards.Should().Contain(shard => shard.Type == "task" && shard.Node.StartsWith(cluster.Self, StringComparison.Ordinal));
        (await Assert.ThrowsAsync<SchedulerNotFoundException>(() => _client.DownAsync("sched.tcp://scheduler@127.0.0.1:1"))).Status.Should().Be(404);
        (await Assert.ThrowsAsync<SchedulerValidationException>(() => _client.LeaveAsync("not an address"))).Errors.Keys.Should().Equal("address");
    }

    [Fact]
    public async Task A_cancelled_call_and_a_cancelled_watch_end_with_operation_cancelled()
    {
        await _client.SubmitAsync(new TaskSpec { Id = "client-watch-cancel", Type = "noop", Delay = TimeSpan.FromHours(1) });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync("client-watch-cancel", cancelled.Token));
        var seen = new List<TaskState>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var view in _client.WatchAsync("client-watch-cancel", stop.Token))
            {
                seen.Add(view.State);
                await stop.CancelAsync();
            }
        });

        seen.Should().Equal(TaskState.Scheduled);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement.Clone();

    internal static Dictionary<string, string> Labels(string key, string value) => new(StringComparer.Ordinal) { [key] = value };
}
