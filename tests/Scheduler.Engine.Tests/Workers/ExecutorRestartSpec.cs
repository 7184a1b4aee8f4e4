using Scheduler.Engine.Execution;
using Scheduler.Engine.Execution.BuiltIn;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.Engine;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>An attempt's executor actor that crashes (here: its executor cannot be created) is started again after a backoff.</summary>
/// <remarks>
/// The maximum backoff is long because it is also how long an incarnation must live for its restarts to be forgiven:
/// on a loaded machine a crash may take longer than a short one to reach the supervisor.
/// </remarks>
public sealed class ExecutorRestartSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine.worker.executor-restart {
      min-backoff = 20ms
      max-backoff = 5s
      max-restarts = 2
    }
    """)
{
    private int _flakyCreations;
    private int _brokenCreations;

    protected override ExecutorRegistry Executors => new ExecutorRegistry()
        .Register("flaky", _ =>
            Interlocked.Increment(ref _flakyCreations) <= 2
                ? throw new InvalidOperationException("the database is not there yet")
                : new NoopExecutor())
        .Register("broken", _ =>
        {
            Interlocked.Increment(ref _brokenCreations);
            throw new InvalidOperationException("this executor can never be built");
        });

    [Fact]
    public async Task An_executor_that_cannot_be_created_at_first_runs_once_it_can_within_the_same_attempt()
    {
        await SubmitAsync(new TaskSpec { Id = "flaky-1", Type = "flaky" });

        var done = AwaitState("flaky-1", TaskState.Succeeded);

        done.Attempt.Should().Be(1, "restarting the executor actor is not a new attempt");
        done.Failures.Should().Be(0);
        Volatile.Read(ref _flakyCreations).Should().Be(3);
    }

    [Fact]
    public async Task An_executor_that_never_starts_fails_its_attempt_once_the_restarts_run_out()
    {
        await SubmitAsync(new TaskSpec { Id = "broken-1", Type = "broken", Retry = RetryPolicy.Default with { MaxAttempts = 1 } });

        var failed = AwaitState("broken-1", TaskState.Failed);

        failed.Attempt.Should().Be(1);
        failed.LastError!.Kind.Should().Be(ErrorKinds.ExecutorCrashed);
        failed.LastError.Message.Should().Contain("crashed 3 times").And.Contain("this executor can never be built");
        Volatile.Read(ref _brokenCreations).Should().Be(3, "one start and two restarts");
    }
}
