using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.Workers;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A worker reports an attempt started only after <c>worker.report-started-after</c>: one that ends sooner is
/// reported by its end alone and its task stores the start with the end in one write; a longer one shows Running
/// first. The delay is long here (and the resend interval longer) so that a loaded machine cannot tell them apart.
/// </summary>
public sealed class StartReportSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine.resend-interval = 20s
    scheduler.engine.worker.report-started-after = 5s
    """)
{
    private readonly GateExecutor.Gate _gate = new();

    protected override ExecutorRegistry Executors => new ExecutorRegistry().Register("gate", _ => new GateExecutor(_gate));

    [Fact]
    public async Task An_attempt_that_ends_before_its_start_is_reported_stores_the_start_with_its_end()
    {
        await SubmitAsync(Noop("quick-1"));
        AwaitState("quick-1", TaskState.Succeeded);

        var stored = (await Persistence.Persistence.Get(Sys).Journal.ReadEventsAsync("task-quick-1", 1, long.MaxValue, int.MaxValue))
            .Select(e => (TaskEvent)e.Payload).ToList();
        stored.Select(e => e.GetType()).Should().Equal(
            typeof(TaskEvent.Submitted), typeof(TaskEvent.AttemptDispatched), typeof(TaskEvent.AttemptStarted), typeof(TaskEvent.AttemptSucceeded));
        stored[2].At.Should().Be(stored[3].At, "the start was decided with the end, from the end's report");
    }

    [Fact]
    public async Task An_attempt_still_running_after_the_delay_is_reported_started()
    {
        await SubmitAsync(new TaskSpec { Id = "long-1", Type = "gate" });
        await _gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await GetAsync("long-1")).State.Should().Be(TaskState.Dispatched, "the start is not reported before the delay");

        AwaitState("long-1", TaskState.Running, TimeSpan.FromSeconds(15));
        _gate.Open.SetResult();
        AwaitState("long-1", TaskState.Succeeded);
    }
}
