using System.Collections.Concurrent;
using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

public sealed class TaskEngineSpec(ITestOutputHelper output) : EngineSpecBase(output)
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    private static readonly RetryPolicy Quick = RetryPolicy.Default with
    {
        MaxAttempts = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task A_submitted_task_runs_to_success()
    {
        var accepted = await Client.SubmitAsync(Noop("n-1"));

        accepted.Should().BeOfType<TaskReply.Accepted>().Which.Created.Should().BeTrue();
        var done = AwaitState("n-1", TaskState.Succeeded);
        done.Attempt.Should().Be(1);
        done.Node.Should().Be(Cluster.Cluster.Get(Sys).SelfAddress.ToString());
        done.FinishedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Many_tasks_all_finish_and_each_runs_once()
    {
        var ids = Enumerable.Range(0, 200).Select(i => "many-" + i).ToList();

        await Task.WhenAll(ids.Select(id => SubmitAsync(new TaskSpec { Id = id, Type = "count" })));

        foreach (var id in ids)
        {
            AwaitState(id, TaskState.Succeeded);
        }

        _runs.Keys.Should().BeEquivalentTo(ids);
        _runs.Values.Should().AllBeEquivalentTo(1, "a task that succeeded is never run again");
    }

    [Fact]
    public async Task A_failing_task_is_retried_then_fails_with_its_error()
    {
        await SubmitAsync(new TaskSpec { Id = "f-1", Type = "sleep", Payload = Json("""{"fail":"io"}"""), Retry = Quick });

        var failed = AwaitState("f-1", TaskState.Failed);

        failed.Attempt.Should().Be(3);
        failed.Failures.Should().Be(3);
        failed.LastError.Should().Be(new TaskError("io", "sleep was asked to fail"));
    }

    [Fact]
    public async Task An_invalid_payload_is_not_retried()
    {
        await SubmitAsync(new TaskSpec { Id = "p-1", Type = "sleep", Payload = Json("""{"ms":"soon"}"""), Retry = Quick });

        var failed = AwaitState("p-1", TaskState.Failed);

        failed.Attempt.Should().Be(1);
        failed.LastError!.Kind.Should().Be(ErrorKinds.InvalidPayload);
    }

    [Fact]
    public async Task An_attempt_past_its_timeout_is_stopped_and_the_task_times_out()
    {
        await SubmitAsync(new TaskSpec
        {
            Id = "t-1",
            Type = "sleep",
            Payload = Json("""{"ms":600000}"""),
            StartToCloseTimeout = TimeSpan.FromMilliseconds(200),
            Retry = Quick with { MaxAttempts = 1 },
        });

        var timedOut = AwaitState("t-1", TaskState.TimedOut);

        timedOut.LastError!.Kind.Should().Be(ErrorKinds.Timeout);
        timedOut.LastError.Message.Should().Contain("start-to-close");
    }

    [Fact]
    public async Task An_attempt_without_heartbeats_times_out()
    {
        await SubmitAsync(new TaskSpec
        {
            Id = "h-1",
            Type = "sleep",
            Payload = Json("""{"ms":600000}"""),
            HeartbeatTimeout = TimeSpan.FromMilliseconds(200),
            Retry = Quick with { MaxAttempts = 1 },
        });

        AwaitState("h-1", TaskState.TimedOut).LastError!.Message.Should().Contain("heartbeat");
    }

    [Fact]
    public async Task Cancelling_a_running_task_stops_its_attempt_and_frees_the_slot()
    {
        await SubmitAsync(new TaskSpec { Id = "c-1", Type = "sleep", Payload = Json("""{"ms":600000}""") });
        AwaitState("c-1", TaskState.Running);

        var reply = await Client.CancelAsync("c-1", "changed my mind");

        reply.Should().BeOfType<TaskReply.Accepted>().Which.Task.State.Should().Be(TaskState.Cancelled);
        // The attempt reports its end, and the slot is free again: four long tasks fill the worker's four slots.
        AwaitAssert(() => GetAsync("c-1").GetAwaiter().GetResult().Worker.Should().NotBeNull());
        for (var i = 0; i < 4; i++)
        {
            await SubmitAsync(new TaskSpec { Id = "fill-" + i, Type = "sleep", Payload = Json("""{"ms":600000}""") });
        }

        for (var i = 0; i < 4; i++)
        {
            AwaitState("fill-" + i, TaskState.Running);
        }
    }

    [Fact]
    public async Task A_task_waits_while_paused_and_runs_when_resumed()
    {
        await SubmitAsync(Noop("w-1") with { Delay = TimeSpan.FromMilliseconds(300) });

        (await Client.PauseAsync("w-1")).Should().BeOfType<TaskReply.Accepted>().Which.Task.State.Should().Be(TaskState.Paused);
        (await GetAsync("w-1")).State.Should().Be(TaskState.Paused);

        (await Client.ResumeAsync("w-1")).Should().BeOfType<TaskReply.Accepted>();
        AwaitState("w-1", TaskState.Succeeded);
    }

    [Fact]
    public async Task A_finished_task_can_be_run_again()
    {
        await SubmitAsync(Noop("r-1"));
        AwaitState("r-1", TaskState.Succeeded);

        (await Client.RerunAsync("r-1")).Should().BeOfType<TaskReply.Accepted>();

        AwaitState("r-1", TaskState.Succeeded).Attempt.Should().Be(2);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_clear_error_and_changes_nothing()
    {
        var unknown = await Client.SubmitAsync(new TaskSpec { Id = "u-1", Type = "no-such-type" });
        unknown.Should().BeOfType<TaskReply.Invalid>().Which.Message.Should().Contain("'no-such-type' is not a registered task type");

        var broken = await Client.SubmitAsync(Noop("u-2") with { Priority = 42 });
        broken.Should().BeOfType<TaskReply.Invalid>().Which.Errors.Single().Field.Should().Be("priority");

        (await Client.GetAsync("u-1")).Should().Be(new TaskReply.NotFound("u-1"));
        (await Client.GetAsync("bad/id")).Should().BeOfType<TaskReply.Invalid>();
        (await Client.CancelAsync("never-submitted")).Should().Be(new TaskReply.NotFound("never-submitted"));
    }

    [Fact]
    public async Task A_repeated_submit_with_one_idempotency_key_returns_the_first_task()
    {
        var first = await SubmitAsync(new TaskSpec { Type = "noop", IdempotencyKey = "order-42" });
        var again = await Client.SubmitAsync(new TaskSpec { Type = "noop", IdempotencyKey = "order-42", Priority = 9 });

        again.Should().BeOfType<TaskReply.Accepted>().Which.Created.Should().BeFalse();
        ((TaskReply.Accepted)again).Task.Id.Should().Be(first.Id);
        ((TaskReply.Accepted)again).Task.Priority.Should().Be(5);
    }

    protected override ExecutorRegistry Executors => new ExecutorRegistry().Register("count", _ => new Counting(_runs));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private sealed class Counting(ConcurrentDictionary<string, int> runs) : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            runs.AddOrUpdate(context.TaskId, 1, (_, n) => n + 1);
            return Task.FromResult<JsonElement?>(null);
        }
    }
}
