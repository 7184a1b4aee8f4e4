using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Journal;
using Scheduler.Engine;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Testing.Postgres;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// Durable no-op tasks through the whole path on one node (submit, journal, dispatcher, worker, executor, the
/// attempt's end in the journal), and the same workload on Quartz.NET's clustered ADO.NET job store on the same
/// PostgreSQL server in the same run. Start latency (submit call to the executor's start) is measured at half of
/// the peak rate the run found.
/// </summary>
internal sealed class TasksSuite : IBenchmarkSuite
{
    private const string DbOption = "db";

    /// <inheritdoc />
    public string Name => "tasks";

    /// <inheritdoc />
    public string Description => "durable no-op tasks per second on one node and start latency at half of peak, against Quartz.NET's ADO.NET store on PostgreSQL";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options { get; } = [new(DbOption, ["postgres", "sqlite"], "the engine's database (Quartz always runs on PostgreSQL)")];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var db = arguments[DbOption];
        var size = arguments.Quick ? TasksRunSize.Quick : TasksRunSize.Full;
        await using var server = await PrivatePostgres.StartAsync("SCHEDULER_BENCH_POSTGRES").ConfigureAwait(false);

        var (rate, p50, p99) = await RunEngineAsync(string.Equals(db, "postgres", StringComparison.Ordinal) ? server : null, size, output).ConfigureAwait(false);

        var quartzDatabase = await server.CreateDatabaseAsync("quartz").ConfigureAwait(false);
        double quartzRate;
        await using (var quartz = await QuartzPeer.StartAsync(quartzDatabase).ConfigureAwait(false))
        {
            await quartz.RunAsync("warm", size.QuartzWarmUp, QuartzPeer.Threads).ConfigureAwait(false);
            quartzRate = await quartz.RunAsync("peak", size.QuartzTasks, QuartzPeer.Threads).ConfigureAwait(false);
            output.WriteLine(Invariant($"quartz: {size.QuartzTasks:N0} jobs at {quartzRate:N0}/s ({QuartzPeer.Threads} threads, clustered JobStoreTX on PostgreSQL)"));
        }

        await server.DropDatabaseAsync(quartzDatabase).ConfigureAwait(false);
        return new BenchmarkResult()
            .AddWord("db", db)
            .Add("tasks_per_s", (long)rate)
            .Add("quartz_tasks_per_s", (long)quartzRate)
            .AddRatio("ratio", rate / quartzRate)
            .AddMilliseconds("start_p50_ms", p50)
            .AddMilliseconds("start_p99_ms", p99);
    }

    private static async Task<(double Rate, double P50, double P99)> RunEngineAsync(PrivatePostgres? server, TasksRunSize size, TextWriter output)
    {
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);
        var starts = new StartLatencies();
        var executors = new ExecutorRegistry().Register(StampedNoopExecutor.Type, _ => new StampedNoopExecutor(starts));
        await using var node = await OneNodeEngine.StartAsync("tasks", database, executors, "scheduler.engine.worker.slots = 256").ConfigureAwait(false);
        var client = node.Engine.Client;
        var succeeded = new SucceededTasks(database, starts);

        var done = await WarmUpAsync(client, succeeded, size, output).ConfigureAwait(false);

        var jit = new JitActivity();
        var gc = new GcActivity();
        var watch = Stopwatch.StartNew();
        await SubmitAllAsync(client, "peak", size.Tasks, size.Window).ConfigureAwait(false);
        await succeeded.UntilAsync(done += size.Tasks).ConfigureAwait(false);
        var rate = size.Tasks / watch.Elapsed.TotalSeconds;
        output.WriteLine(Invariant($"engine: {size.Tasks:N0} tasks at {rate:N0}/s ({size.Window:N0} submits in flight); {gc.Since(size.Tasks)}; {jit.Since()}"));
        await SettleJitAsync(size, "the peak", output).ConfigureAwait(false);

        jit = new JitActivity();
        gc = new GcActivity();

        // The start latency's stages: from the submit to the attempt's dispatch decision (its Submitted write and the
        // dispatcher's offer), and every journal write (the attempt's AttemptDispatched write comes before its start).
        using var stages = new DurationSamples("scheduler.dispatch.latency", "scheduler.journal.write.duration");
        starts.Record();
        var paced = await SubmitPacedAsync(client, "half", rate / 2, size.PacedFor).ConfigureAwait(false);
        await succeeded.UntilAsync(done + paced).ConfigureAwait(false);
        var (p50, p99) = (starts.Milliseconds(0.50), starts.Milliseconds(0.99));
        output.WriteLine(Invariant($"engine: {paced:N0} tasks paced at {rate / 2:N0}/s: start p50 {p50:0.00} ms, p99 {p99:0.00} ms; {gc.Since(paced)}; {jit.Since()}"));
        output.WriteLine(Invariant($"engine: stages while paced: {stages.Summary()}"));
        return (rate, p50, p99);
    }

    // Tiered compilation moves a hot method up one tier at a time, and each step needs calls: a single warm-up left
    // the JIT compiling 1,900 methods (2.4 s of its thread) during the measured peak even after it had gone quiet. So
    // the warm-up goes in rounds, each followed by a quiet JIT, until a round compiles little; returns the tasks run.
    private static async Task<int> WarmUpAsync(TaskClient client, SucceededTasks succeeded, TasksRunSize size, TextWriter output)
    {
        var done = 0;
        for (var round = 1; round <= size.WarmUpRounds; round++)
        {
            var jit = new JitActivity();
            await SubmitAllAsync(client, FormattableString.Invariant($"warm{round}"), size.WarmUp, size.Window).ConfigureAwait(false);
            await succeeded.UntilAsync(done += size.WarmUp).ConfigureAwait(false);
            await SettleJitAsync(size, FormattableString.Invariant($"warm-up round {round}"), output).ConfigureAwait(false);
            if (jit.Methods < 200)
            {
                break;
            }
        }

        return done;
    }

    // Tiered compilation goes on recompiling hot methods for seconds after a phase, on its own thread: the next
    // phase measures the steady state of a long-running node, so it waits for the JIT to go quiet first.
    // A quick run is a smoke check: it does not wait.
    private static async Task SettleJitAsync(TasksRunSize size, string after, TextWriter output)
    {
        if (!size.WaitForQuietJit)
        {
            return;
        }

        var jit = new JitActivity();
        var lastCompile = await JitActivity.SettleAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        output.WriteLine(lastCompile is { } quietAfter
            ? Invariant($"engine: the JIT went quiet {quietAfter.TotalSeconds:0.0} s after {after}; {jit.Since()}")
            : Invariant($"engine: the JIT was still compiling 30 s after {after}; {jit.Since()}"));
    }

    // A closed loop: each of `window` submitters sends its next task when the last one was accepted.
    private static async Task SubmitAllAsync(TaskClient client, string prefix, int tasks, int window)
    {
        var next = -1;
        async Task SubmitterAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tasks)
            {
                Accepted(await client.SubmitAsync(Spec(prefix, i)).ConfigureAwait(false));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(SubmitterAsync))).ConfigureAwait(false);
    }

    // An open loop: tasks leave at the given rate whatever the answers do, as a steady load would arrive. Each answer
    // is checked as it comes and then dropped: holding every reply to the end kept tens of thousands of them alive
    // through the collections whose pauses this phase measures, which a real client would not do.
    private static async Task<int> SubmitPacedAsync(TaskClient client, string prefix, double perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        if (total <= 0)
        {
            return 0;
        }

        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unanswered = total;
        void SubmitOne(int i) => _ = client.SubmitAsync(Spec(prefix, i)).ContinueWith(
            submit =>
            {
                // Any failure ends the phase with it (a submit that threw or was cancelled, or one not accepted).
                if (!submit.IsCompletedSuccessfully)
                {
                    answered.TrySetException(submit.Exception?.InnerExceptions ?? [new OperationCanceledException("A submit was cancelled.")]);
                }
                else if (submit.Result is not TaskReply.Accepted)
                {
                    answered.TrySetException(NotAccepted(submit.Result));
                }
                else if (Interlocked.Decrement(ref unanswered) == 0)
                {
                    answered.TrySetResult();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total && await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var due = Math.Min(total, (int)(perSecond * watch.Elapsed.TotalSeconds));
            while (sent < due)
            {
                SubmitOne(sent++);
            }
        }

        await answered.Task.ConfigureAwait(false);
        return total;
    }

    private static TaskSpec Spec(string prefix, int i) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"),
        Type = StampedNoopExecutor.Type,
        Payload = JsonSerializer.SerializeToElement(new Dictionary<string, long>(StringComparer.Ordinal) { ["t"] = Stopwatch.GetTimestamp() }),
    };

    private static void Accepted(TaskReply reply)
    {
        if (reply is not TaskReply.Accepted)
        {
            throw NotAccepted(reply);
        }
    }

    private static InvalidOperationException NotAccepted(TaskReply reply) => new($"A submit was not accepted: {reply}");
}
