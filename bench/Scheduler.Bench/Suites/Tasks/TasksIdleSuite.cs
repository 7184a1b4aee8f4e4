using System.Diagnostics;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Journal;
using Scheduler.Engine;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Sharding;
using Scheduler.Testing.Postgres;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// Many waiting tasks on one node: submits tasks due an hour ahead through the engine's client, waits until every
/// one has left memory for the due-time index, and reads the process's resident memory. The figure the issue asks
/// for is 1,000,000 tasks under 1 GiB.
/// </summary>
internal sealed class TasksIdleSuite : IBenchmarkSuite
{
    private const string DbOption = "db";
    private const string TasksOption = "tasks";
    private const int Window = 2_000;

    /// <inheritdoc />
    public string Name => "tasks-idle";

    /// <inheritdoc />
    public string Description => "resident memory of one node holding many tasks due an hour ahead (passivated, in the due-time index)";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options { get; } =
    [
        new(DbOption, ["sqlite", "postgres"], "the database"),
        new(TasksOption, ["1000000"], "how many tasks (--quick: 50000)"),
    ];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var db = arguments[DbOption];
        var tasks = arguments.Quick ? 50_000 : int.Parse(arguments[TasksOption], System.Globalization.CultureInfo.InvariantCulture);
        await using var server = string.Equals(db, "postgres", StringComparison.Ordinal)
            ? await PrivatePostgres.StartAsync("SCHEDULER_BENCH_POSTGRES").ConfigureAwait(false)
            : null;
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);

        await using var node = await OneNodeEngine.StartAsync("tasks-idle", database).ConfigureAwait(false);
        var engine = node.Engine;
        var baseline = ResidentMiB();
        output.WriteLine(Invariant($"{db}: {tasks:N0} tasks due in an hour, {Window:N0} submits in flight; resident before: {baseline} MiB"));

        var dueAt = node.System.TimeProvider.GetUtcNow().AddHours(1);
        var watch = Stopwatch.StartNew();
        await SubmitAsync(engine.Client, tasks, dueAt, output).ConfigureAwait(false);
        var submitRate = (long)(tasks / watch.Elapsed.TotalSeconds);
        output.WriteLine(Invariant($"submitted {tasks:N0} in {watch.Elapsed.TotalSeconds:0.0} s ({submitRate:N0}/s)"));

        var parked = 0L;
        var live = 0;
        await Deadline.UntilAsync(
            () =>
            {
                parked = CountRows(database);
                live = LiveEntities(engine);
                return parked == tasks && live == 0;
            },
            () => Invariant($"every task parked ({parked:N0} rows, {live:N0} entities live)"),
            TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        output.WriteLine(Invariant($"all parked after {watch.Elapsed.TotalSeconds:0.0} s"));

        var heap = Heap.SettledBytes() / (1024 * 1024);
        var resident = ResidentMiB();
        output.WriteLine(Invariant($"resident {resident} MiB, managed heap {heap} MiB"));
        return new BenchmarkResult()
            .AddWord("db", db)
            .Add("tasks", tasks)
            .Add("rss_mib", resident)
            .Add("heap_mib", heap)
            .Add("submit_per_s", submitRate);
    }

    private static async Task SubmitAsync(TaskClient client, int tasks, DateTimeOffset dueAt, TextWriter output)
    {
        var next = -1;
        var failures = 0;
        async Task SubmitterAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tasks)
            {
                var reply = await client.SubmitAsync(new TaskSpec { Id = Invariant($"idle-{i}"), Type = "noop", RunAt = dueAt }).ConfigureAwait(false);
                if (reply is not TaskReply.Accepted)
                {
                    Interlocked.Increment(ref failures);
                }

                if (i % 100_000 == 0 && i > 0)
                {
                    output.WriteLine(Invariant($"  {i:N0} submitted"));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Window).Select(_ => Task.Run(SubmitterAsync))).ConfigureAwait(false);
        if (failures > 0)
        {
            throw new InvalidOperationException(Invariant($"{failures} submits were not accepted."));
        }
    }

    private static long CountRows(BenchDatabase database)
    {
        using var connection = database.Connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM task_due";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int LiveEntities(SchedulerEngine engine) =>
        engine.Tasks.Ask<ShardRegionStats>(GetShardRegionStats.Instance, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().Stats.Values.Sum();

    private static long ResidentMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / (1024 * 1024);
    }
}
