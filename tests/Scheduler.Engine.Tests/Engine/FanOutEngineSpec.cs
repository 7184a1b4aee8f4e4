using System.Collections.Concurrent;
using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Sub-tasks on a one-node engine: a parent fans children out, they run as tasks of their own, and the parent collects them.</summary>
public sealed class FanOutEngineSpec(ITestOutputHelper output) : EngineSpecBase(output, "scheduler.engine.read-model.batch-size = 50")
{
    private readonly ConcurrentDictionary<string, int> _holding = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _cancelled = new();

    protected override ExecutorRegistry Executors => new ExecutorRegistry()
        .Register("sum-of-squares", _ => new SumOfSquares())
        .Register("collect", _ => new Collect())
        .Register("square", _ => new Square())
        .Register("hold", _ => new Hold(_holding, _cancelled))
        .Register("big", _ => new Big());

    [Fact]
    public async Task A_parent_reduces_the_results_of_its_children()
    {
        await SubmitAsync(new TaskSpec { Id = "sum", Type = "sum-of-squares", Payload = JsonSerializer.SerializeToElement(10) });

        var parent = AwaitState("sum", TaskState.Succeeded);

        parent.Result!.Value.GetInt32().Should().Be(Enumerable.Range(1, 10).Sum(i => i * i));
        parent.Attempt.Should().Be(2, "one attempt fanned out, one reduced");
        var child = await GetAsync("sum:3");
        child.Should().BeEquivalentTo(new { State = TaskState.Succeeded, ParentId = "sum" });
        child.Result!.Value.GetInt32().Should().Be(9);
        StoredEvents("task-sum").Where(manifest => manifest.StartsWith("engine.task.children-", StringComparison.Ordinal))
            .Should().Equal(["engine.task.children-submitted"], "the parent notes once that every child answered its submit");
        AwaitAssert(
            () => Client.ListAsync(new TaskQuery { ParentId = "sum" }).GetAwaiter().GetResult().Tasks.Select(task => task.Id)
                .Should().BeEquivalentTo(Enumerable.Range(1, 10).Select(i => "sum:" + i)),
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Without_a_reduce_the_parent_succeeds_with_each_childs_result_by_id()
    {
        await SubmitAsync(new TaskSpec { Id = "gather", Type = "collect", Payload = JsonSerializer.SerializeToElement(new[] { 4, 5 }) });

        var parent = AwaitState("gather", TaskState.Succeeded);

        parent.Result!.Value.GetRawText().Should().Be("""{"0":16,"1":25}""");
    }

    [Fact]
    public async Task A_child_that_fails_for_good_fails_its_parent_after_the_others_end()
    {
        await SubmitAsync(new TaskSpec { Id = "bad", Type = "collect", Payload = JsonSerializer.SerializeToElement(new[] { 2, -1, 3 }) });

        var parent = AwaitState("bad", TaskState.Failed);

        parent.LastError!.Kind.Should().Be(ErrorKinds.ChildFailed);
        parent.LastError.Message.Should().Contain("'bad:1'").And.Contain("invalid-payload");
        (await GetAsync("bad:0")).State.Should().Be(TaskState.Succeeded);
        (await GetAsync("bad:2")).State.Should().Be(TaskState.Succeeded);
    }

    [Fact]
    public async Task Cancelling_a_waiting_parent_cancels_its_children()
    {
        await SubmitAsync(new TaskSpec { Id = "tree", Type = "collect", Payload = JsonSerializer.SerializeToElement(new[] { 0, 0, 0 }) });
        AwaitCondition(() => _holding.Count == 3, TimeSpan.FromSeconds(15));
        (await GetAsync("tree")).State.Should().Be(TaskState.WaitingForChildren);
        AwaitCondition(() => StoredEvents("task-tree").Contains("engine.task.children-submitted"), TimeSpan.FromSeconds(15));

        (await Client.CancelAsync("tree")).Should().BeOfType<TaskReply.Accepted>();

        foreach (var child in new[] { "tree:0", "tree:1", "tree:2" })
        {
            AwaitState(child, TaskState.Cancelled).LastError.Should().BeNull();
        }

        AwaitCondition(() => _cancelled.Count == 3, TimeSpan.FromSeconds(15));
        (await GetAsync("tree")).State.Should().Be(TaskState.Cancelled);
        AwaitAssert(() => StoredEvents("task-tree").Should().EndWith("engine.task.children-cancelled"), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_fan_out_the_engine_refuses_fails_the_parent_and_creates_no_child()
    {
        await SubmitAsync(new TaskSpec { Id = "dup", Type = "collect", Payload = JsonSerializer.SerializeToElement(new[] { 1 }), Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["twice"] = "yes" } });

        var parent = AwaitState("dup", TaskState.Failed);

        parent.LastError!.Kind.Should().Be(ErrorKinds.InvalidFanOut);
        parent.LastError.Message.Should().Contain("gives the child id 'dup:0' a second time");
        (await Client.GetAsync("dup:0")).Should().BeOfType<TaskReply.NotFound>();
    }

    [Fact]
    public async Task A_result_past_the_limit_fails_its_attempt_for_good()
    {
        await SubmitAsync(new TaskSpec { Id = "huge", Type = "big" });

        var task = AwaitState("huge", TaskState.Failed);

        task.LastError!.Kind.Should().Be(ErrorKinds.ResultTooLarge);
        task.LastError.Message.Should().StartWith("the result is 70002 bytes of JSON, more than the limit of 65536");
        task.Attempt.Should().Be(1, "no retry can make the result smaller");
    }

    [Fact]
    public async Task A_reduce_attempt_cannot_fan_out_again()
    {
        await SubmitAsync(new TaskSpec { Id = "again", Type = "sum-of-squares", Payload = JsonSerializer.SerializeToElement(2), Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["again"] = "yes" } });

        var parent = AwaitState("again", TaskState.Failed);

        parent.LastError.Should().Be(new TaskError(ErrorKinds.InvalidFanOut, "the attempt that reduces a fan-out cannot fan out again"));
    }

    /// <summary>Fans out a square for each of 1..n, then sums them in the reduce attempt.</summary>
    private sealed class SumOfSquares : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            if (context.Children is { } children && !context.Labels.ContainsKey("again"))
            {
                return Task.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(children.Sum(child => child.Result!.Value.GetInt32())));
            }

            var n = context.Payload!.Value.GetInt32();
            context.FanOut(Enumerable.Range(1, n).Select(i => new TaskSpec { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = "square", Payload = JsonSerializer.SerializeToElement(i) }), reduce: true);
            return Task.FromResult<JsonElement?>(null);
        }
    }

    /// <summary>Fans out one child per number of its payload (a square, or a hold for 0), by index; with the label twice, the same child twice.</summary>
    private sealed class Collect : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            var numbers = context.Payload!.Value.EnumerateArray().Select(number => number.GetInt32()).ToList();
            var children = numbers.Select(number => new TaskSpec
            {
                Type = number == 0 ? "hold" : "square",
                Payload = JsonSerializer.SerializeToElement(number),
                Retry = RetryPolicy.Default with { MaxAttempts = 1 },
            }).ToList();
            if (context.Labels.ContainsKey("twice"))
            {
                children = [children[0] with { Id = "0" }, children[0] with { Id = "0" }];
            }

            context.FanOut(children);
            return Task.FromResult<JsonElement?>(null);
        }
    }

    private sealed class Big : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context) => Task.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new string('x', 70_000)));
    }

    private sealed class Square : ITaskExecutor
    {
        public Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            var n = context.Payload!.Value.GetInt32();
            return n < 0
                ? throw new TaskPayloadException("cannot square a negative number here, was " + n)
                : Task.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(n * n));
        }
    }

    /// <summary>Runs until cancelled, saying when it started and when it was cancelled.</summary>
    private sealed class Hold(ConcurrentDictionary<string, int> holding, ConcurrentQueue<string> cancelled) : ITaskExecutor
    {
        public async Task<JsonElement?> ExecuteAsync(TaskContext context)
        {
            holding[context.TaskId] = context.Attempt;
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException)
            {
                cancelled.Enqueue(context.TaskId);
                throw;
            }
        }
    }
}
