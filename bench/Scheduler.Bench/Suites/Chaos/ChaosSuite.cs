using System.Diagnostics;
using Npgsql;
using Scheduler.Engine.Tests.MultiNode;
using Scheduler.Engine.Tests.MultiNode.Witness;
using Scheduler.Testing.Postgres;
using Scheduler.TestKit.MultiNode;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Chaos;

/// <summary>
/// The full-size kill failover (<see cref="TaskChaosSpec"/>): real role processes (this program started again per
/// role), a private PostgreSQL server, a worker killed with SIGKILL mid-run. The spec judges itself and fails the run on
/// any broken promise; then this suite judges again from the database alone, taking every task the journal accepted
/// (not the spec's list) and the execution witness, and reports the counts. <c>--quick</c> plays the CI-sized spec
/// (<see cref="TaskKillFailoverSpec"/>) instead.
/// </summary>
internal sealed class ChaosSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "chaos";

    /// <inheritdoc />
    public string Description => "10,000 witnessed tasks on three worker processes and a client, one worker killed with SIGKILL mid-run: lost, overlapping, unexpected, and how soon its attempts ran again";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options { get; } = [];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        await using var server = await PrivatePostgres.StartAsync("SCHEDULER_BENCH_POSTGRES").ConfigureAwait(false);
        var database = await server.CreateDatabaseAsync("chaos").ConfigureAwait(false);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [EngineMultiNodeSpec.DatabaseParameter] = database };
        var host = typeof(ChaosSuite).Assembly.Location;
        var log = new WriterOutput(output);
        var watch = Stopwatch.StartNew();
        if (arguments.Quick)
        {
            await MultiNodeRunner.RunAsync<TaskKillFailoverSpec>(log, parameters, host).ConfigureAwait(false);
        }
        else
        {
            await MultiNodeRunner.RunAsync<TaskChaosSpec>(log, parameters, host).ConfigureAwait(false);
        }

        var elapsed = watch.Elapsed;
        WitnessVerdict verdict;
        int accepted;
        int afterKill;
        await using (var source = NpgsqlDataSource.Create(database))
        {
            var ids = await AcceptedTaskIdsAsync(source).ConfigureAwait(false);
            var witness = new WitnessLog(source);
            var attempts = await witness.AttemptsAsync().ConfigureAwait(false);
            var departures = await witness.DeparturesAsync().ConfigureAwait(false);
            verdict = WitnessVerdict.Judge(ids, attempts, departures);
            accepted = ids.Count;

            // How much work the kill left to the survivors: evidence it struck in the middle of the run.
            var killedAt = departures.Count == 0 ? DateTime.MaxValue : departures.Min(d => d.At);
            afterKill = attempts.Count(a => string.Equals(a.Outcome, WitnessedAttempt.Succeeded, StringComparison.Ordinal) && a.Began > killedAt);
        }

        await server.DropDatabaseAsync(database).ConfigureAwait(false);
        output.WriteLine(Invariant($"chaos: {accepted:N0} accepted tasks judged from the journal and the witness in {elapsed.TotalSeconds:N0} s; {verdict}"));
        return new BenchmarkResult()
            .Add("tasks", accepted)
            .Add("lost", verdict.Lost.Count)
            .Add("overlapping", verdict.Overlapping.Count)
            .Add("unexpected", verdict.Unexpected.Count)
            .Add("redone", verdict.Redone.Count)
            .Add("succeeded_after_kill", afterKill)
            .AddMilliseconds("slowest_redo_ms", verdict.SlowestRedo?.TotalMilliseconds ?? -1)
            .Add("run_s", (long)elapsed.TotalSeconds);
    }

    // Every task id with a Submitted event: what the cluster accepted, whoever submitted it.
    private static async Task<List<string>> AcceptedTaskIdsAsync(NpgsqlDataSource source)
    {
        await using var command = source.CreateCommand(
            "SELECT DISTINCT substr(persistence_id, length($1) + 1) FROM journal WHERE manifest = $2 AND persistence_id LIKE $1 || '%'");
        command.Parameters.AddWithValue("task-");
        command.Parameters.AddWithValue("engine.task.submitted");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
