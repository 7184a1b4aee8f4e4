using System.Collections.Specialized;
using System.Diagnostics;
using Npgsql;
using Quartz;
using Quartz.Impl;
using Scheduler.Bench.Measurement;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// The peer the <c>tasks</c> suite compares with: Quartz.NET with its ADO.NET job store (JobStoreTX, clustered, on
/// PostgreSQL through Npgsql), one scheduler in this process. Each task is a job with a trigger that fires now;
/// a task is done when its job has run and Quartz has deleted the trigger (its completion is in the database).
/// </summary>
internal sealed class QuartzPeer : IAsyncDisposable
{
    /// <summary>Worker threads, and triggers acquired per database round trip (Quartz's default pool has 10).</summary>
    public const int Threads = 16;

    private readonly IScheduler _scheduler;
    private readonly string _connectionString;

    private QuartzPeer(IScheduler scheduler, string connectionString)
    {
        _scheduler = scheduler;
        _connectionString = connectionString;
    }

    public static async Task<QuartzPeer> StartAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(QuartzSchema.Statements, connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var properties = new NameValueCollection(StringComparer.Ordinal)
        {
            ["quartz.scheduler.instanceName"] = "bench",
            ["quartz.scheduler.instanceId"] = "AUTO",
            ["quartz.threadPool.maxConcurrency"] = Invariant($"{Threads}"),
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = Invariant($"{Threads}"),
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
            ["quartz.jobStore.tablePrefix"] = "qrtz_",
            ["quartz.jobStore.clustered"] = "true",
            ["quartz.jobStore.acquireTriggersWithinLock"] = "true",
            ["quartz.jobStore.useProperties"] = "true",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.dataSource.default.provider"] = "Npgsql",
            ["quartz.dataSource.default.connectionString"] = connectionString,
            ["quartz.serializer.type"] = typeof(QuartzJobDataSerializer).AssemblyQualifiedName!,
        };
        var scheduler = await new StdSchedulerFactory(properties).GetScheduler().ConfigureAwait(false);
        await scheduler.Start().ConfigureAwait(false);
        return new QuartzPeer(scheduler, connectionString);
    }

    /// <summary>Schedules <paramref name="jobs"/> jobs to fire now, <paramref name="window"/> calls in flight, and waits until all are done.</summary>
    /// <returns>Jobs per second from the first schedule call until the last completion is in the database.</returns>
    public async Task<double> RunAsync(string prefix, int jobs, int window)
    {
        var expected = QuartzNoopJob.Executed + jobs;
        var watch = Stopwatch.StartNew();
        var next = -1;
        async Task ScheduleLoopAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < jobs)
            {
                var job = JobBuilder.Create<QuartzNoopJob>().WithIdentity(Invariant($"{prefix}-{i}")).Build();
                var trigger = TriggerBuilder.Create().WithIdentity(Invariant($"{prefix}-{i}")).StartNow().Build();
                await _scheduler.ScheduleJob(job, trigger).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(ScheduleLoopAsync))).ConfigureAwait(false);
        long left = -1;
        await Deadline.UntilAsync(
            () => QuartzNoopJob.Executed >= expected && (left = CountTriggers()) == 0,
            () => Invariant($"Quartz to run {jobs} jobs ({QuartzNoopJob.Executed - (expected - jobs)} ran, {left} triggers left)"),
            TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        return jobs / watch.Elapsed.TotalSeconds;
    }

    private long CountTriggers()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT COUNT(*) FROM qrtz_triggers", connection);
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync() => await _scheduler.Shutdown(waitForJobsToComplete: true).ConfigureAwait(false);
}
