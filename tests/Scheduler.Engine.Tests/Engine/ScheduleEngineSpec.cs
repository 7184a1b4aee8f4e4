using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Schedules on a real one-node engine: occurrences become tasks that run, overlap policies hold, commands answer.</summary>
public sealed class ScheduleEngineSpec(ITestOutputHelper output) : EngineSpecBase(output)
{
    private readonly ConcurrentQueue<(string TaskId, long Start, long End)> _spans = new();

    protected override ExecutorRegistry Executors => new ExecutorRegistry().Register("span", _ => new Spans(_spans));

    private static ScheduleSpec EverySecond(string id, string type, OverlapPolicy overlap = OverlapPolicy.Skip, string? payload = null) => new()
    {
        Id = id,
        Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(1) },
        Task = new TaskSpec { Type = type, Payload = payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone() },
        Overlap = overlap,
    };

    private async Task<ScheduleView> CreateAsync(ScheduleSpec spec)
    {
        var reply = await Client.CreateScheduleAsync(spec);
        return reply.Should().BeOfType<ScheduleReply.Accepted>().Subject.Schedule;
    }

    private async Task<ScheduleView> GetScheduleAsync(string id)
    {
        var reply = await Client.GetScheduleAsync(id);
        return reply.Should().BeOfType<ScheduleReply.Accepted>().Subject.Schedule;
    }

    [Fact]
    public async Task Each_occurrence_creates_one_task_named_by_its_time_and_it_runs_once()
    {
        // Overlap allowed: on a slow machine an occurrence may still run when the next one comes, and none may be skipped.
        var created = await CreateAsync(EverySecond("tick", "span", OverlapPolicy.Allow));
        var first = created.CreatedAt;

        AwaitCondition(() => _spans.Count >= 3, TimeSpan.FromSeconds(15));
        (await Client.PauseScheduleAsync("tick")).Should().BeOfType<ScheduleReply.Accepted>()
            .Which.Schedule.Status.Should().Be(ScheduleStatus.Paused);
        ScheduleView paused = null!;
        AwaitAssert(() =>
        {
            paused = GetScheduleAsync("tick").GetAwaiter().GetResult();
            paused.RunningTasks.Should().BeEmpty();
        }, TimeSpan.FromSeconds(15));

        var expected = Enumerable.Range(0, (int)paused.Fired).Select(i => TaskIds.ForOccurrence("tick", first.AddSeconds(i))).ToList();
        paused.MissedSkipped.Should().Be(0);
        _spans.Select(s => s.TaskId).Order(StringComparer.Ordinal).Should().Equal(expected, "occurrences fire a second apart from the creation, each once");
        foreach (var id in expected)
        {
            var task = await GetAsync(id);
            task.State.Should().Be(TaskState.Succeeded);
            task.Occurrence!.ScheduleId.Should().Be("tick");
        }
    }

    [Fact]
    public async Task Overlap_skip_never_runs_two_occurrences_at_once()
    {
        await CreateAsync(EverySecond("slow", "span", OverlapPolicy.Skip, """{"ms":2200}"""));

        AwaitAssert(() =>
        {
            var view = GetScheduleAsync("slow").GetAwaiter().GetResult();
            view.OverlapSkipped.Should().BeGreaterThanOrEqualTo(2);
            _spans.Count.Should().BeGreaterThanOrEqualTo(2);
        }, TimeSpan.FromSeconds(20));
        await Client.PauseScheduleAsync("slow");

        var spans = _spans.OrderBy(s => s.Start).ToList();
        spans.Zip(spans.Skip(1)).Should().OnlyContain(pair => pair.First.End <= pair.Second.Start, "each occurrence starts after the previous one ended");
    }

    [Fact]
    public async Task Cancel_previous_cancels_the_running_occurrence_when_the_next_one_comes()
    {
        var created = await CreateAsync(EverySecond("latest", "sleep", OverlapPolicy.CancelPrevious, """{"ms":600000}"""));
        var firstTask = TaskIds.ForOccurrence("latest", created.CreatedAt);

        AwaitState(firstTask, TaskState.Cancelled);

        // The cancelled task tells its schedule of its end by a message of its own, so the schedule learns it a moment later.
        AwaitAssert(() =>
        {
            var view = GetScheduleAsync("latest").GetAwaiter().GetResult();
            view.RunningTasks.Should().NotContain(firstTask);
            view.Fired.Should().BeGreaterThanOrEqualTo(2);
        }, TimeSpan.FromSeconds(15));
        await Client.DeleteScheduleAsync("latest");
    }

    [Fact]
    public async Task A_deleted_schedule_is_not_found_and_its_id_can_be_used_again()
    {
        await CreateAsync(EverySecond("gone", "noop") with { StartAt = Sys.TimeProvider.GetUtcNow().AddHours(1) });

        (await Client.DeleteScheduleAsync("gone")).Should().BeOfType<ScheduleReply.Accepted>()
            .Which.Schedule.Status.Should().Be(ScheduleStatus.Deleted);

        (await Client.GetScheduleAsync("gone")).Should().Be(new ScheduleReply.NotFound("gone"));
        (await Client.ResumeScheduleAsync("gone")).Should().Be(new ScheduleReply.NotFound("gone"));
        var again = await Client.CreateScheduleAsync(EverySecond("gone", "noop") with { StartAt = Sys.TimeProvider.GetUtcNow().AddHours(2) });
        again.Should().BeOfType<ScheduleReply.Accepted>().Which.Created.Should().BeTrue();
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_stored()
    {
        var unknownType = await Client.CreateScheduleAsync(EverySecond("typo", "nope"));
        var badId = await Client.PauseScheduleAsync("no spaces");
        var occurrenceByHand = await Client.SubmitAsync(new TaskSpec { Id = "forged", Type = "noop", Occurrence = new ScheduleOccurrence("tick", Sys.TimeProvider.GetUtcNow()) });

        unknownType.Should().BeOfType<ScheduleReply.Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "task.type");
        badId.Should().BeOfType<ScheduleReply.Invalid>().Which.Message.Should().Contain("not a valid schedule id");
        occurrenceByHand.Should().BeOfType<TaskReply.Invalid>().Which.Message.Should().Contain("occurrence: is set only by schedules");
        (await Client.GetScheduleAsync("typo")).Should().Be(new ScheduleReply.NotFound("typo"));
        (await Client.GetAsync("forged")).Should().Be(new TaskReply.NotFound("forged"));
    }

    private sealed class Spans(ConcurrentQueue<(string, long, long)> spans) : ITaskExecutor
    {
        public async Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            var start = Stopwatch.GetTimestamp();
            if (context.Payload is { } payload && payload.TryGetProperty("ms", out var ms))
            {
                using var done = new SemaphoreSlim(0);
                await done.WaitAsync(ms.GetInt32(), context.CancellationToken);
            }

            spans.Enqueue((context.TaskId, start, Stopwatch.GetTimestamp()));
            return null;
        }
    }
}
