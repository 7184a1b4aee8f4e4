using System.Diagnostics;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Journal;
using Scheduler.Testing.Postgres;
using static System.FormattableString;

namespace Scheduler.Bench.Suites;

/// <summary>
/// The journal on SQLite or PostgreSQL: one entity persisting sequentially; 1,000 entities persisting 100 events
/// each at once, against the same rows written as raw multi-row INSERTs (the ratio); and recovery of one entity
/// with 100,000 events. Each measurement writes into a fresh database; durability settings are the defaults.
/// </summary>
internal sealed class JournalSuite : IBenchmarkSuite
{
    private const string DbOption = "db";

    /// <inheritdoc />
    public string Name => "journal";

    /// <inheritdoc />
    public string Description => "persist rate (one entity; 1,000 at once) vs raw multi-row INSERTs, recovery rate";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options { get; } = [new(DbOption, ["sqlite", "postgres"], "the database")];

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var db = arguments[DbOption];
        var quick = arguments.Quick;
        var sequentialEvents = quick ? 300 : 2_000;
        var (entities, eventsEach) = quick ? (1_000, 10) : (1_000, 100);
        var recoveryEvents = quick ? 20_000 : 100_000;
        var passes = quick ? 1 : 3;

        await using var server = string.Equals(db, "postgres", StringComparison.Ordinal)
            ? await PrivatePostgres.StartAsync("SCHEDULER_BENCH_POSTGRES").ConfigureAwait(false)
            : null;

        var sequential = await SequentialAsync(server, sequentialEvents, output).ConfigureAwait(false);

        // Alternating passes, as in the kernel suite: the ratio compares runs made under the same conditions.
        var concurrentRates = new List<long>();
        var rawRates = new List<long>();
        var sameRates = new List<long>();
        var ratios = new List<double>();
        for (var pass = 1; pass <= passes; pass++)
        {
            var concurrent = await ConcurrentAsync(server, entities, eventsEach, output).ConfigureAwait(false);
            var raw = await RawAsync(server, entities, eventsEach, RawMethod.MultiRowInsert, output).ConfigureAwait(false);
            var same = await RawAsync(server, entities, eventsEach, RawMethod.JournalMethod, output).ConfigureAwait(false);
            concurrentRates.Add(concurrent);
            rawRates.Add(raw);
            sameRates.Add(same);
            ratios.Add(raw > 0 ? (double)concurrent / raw : double.NaN);
            output.WriteLine(Invariant(
                $"pass {pass}/{passes}: journal {concurrent:N0} events/s, raw multi-row INSERT {raw:N0} rows/s (ratio {ratios[^1]:0.00}), raw with the journal's statement {same:N0} rows/s"));
        }

        var recovery = await RecoveryAsync(server, recoveryEvents, output).ConfigureAwait(false);
        return new BenchmarkResult()
            .AddWord("db", db)
            .Add("persist_seq_per_s", sequential)
            .Add("persist_concurrent_per_s", Rates.Median(concurrentRates))
            .Add("raw_insert_per_s", Rates.Median(rawRates))
            .AddRatio("ratio", ratios.Order().ElementAt(ratios.Count / 2))
            .Add("recovery_per_s", recovery)
            .Add("raw_journal_method_per_s", Rates.Median(sameRates));
    }

    private static async Task<long> SequentialAsync(PrivatePostgres? server, int events, TextWriter output)
    {
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);
        var system = await database.StartSystemAsync("bench-journal-seq").ConfigureAwait(false);
        try
        {
            // A short first run pays for JIT and connection setup outside the figure.
            await PersistAsync(system, "warm-up", 1, Math.Max(1, events / 10)).ConfigureAwait(false);
            var elapsed = await PersistAsync(system, "seq", 1, events).ConfigureAwait(false);
            var rate = Rates.PerSecond(events, elapsed);
            output.WriteLine(Invariant($"sequential: 1 entity, {events:N0} events one after another in {elapsed.TotalSeconds:0.00} s: {rate:N0} events/s"));
            return rate;
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    private static async Task<long> ConcurrentAsync(PrivatePostgres? server, int entities, int eventsEach, TextWriter output)
    {
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);
        var system = await database.StartSystemAsync("bench-journal-concurrent").ConfigureAwait(false);
        try
        {
            // An unmeasured round of the same shape first: the write path reaches its tiered-JIT code and the pool its size.
            await PersistAsync(system, "warm-up", entities, Math.Max(1, eventsEach / 5)).ConfigureAwait(false);
            var elapsed = await PersistAsync(system, "entity", entities, eventsEach).ConfigureAwait(false);
            var rate = Rates.PerSecond((long)entities * eventsEach, elapsed);
            output.WriteLine(Invariant($"concurrent: {entities:N0} entities x {eventsEach} events in {elapsed.TotalSeconds:0.00} s: {rate:N0} events/s"));
            return rate;
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    private static async Task<long> RawAsync(PrivatePostgres? server, int entities, int eventsEach, RawMethod method, TextWriter output)
    {
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);
        var batchSize = database.Options.BatchSize;
        await RawInsert.WriteAsync(database, entities, Math.Max(1, eventsEach / 5), batchSize, database.Parallelism, "warm-up", method).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await Deadline.WithinAsync(RawInsert.WriteAsync(database, entities, eventsEach, batchSize, database.Parallelism, "entity", method), () => "Raw inserts", TimeSpan.FromMinutes(5))
            .ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var rate = Rates.PerSecond((long)entities * eventsEach, elapsed);
        output.WriteLine(Invariant(
            $"raw ({method}): {entities * eventsEach:N0} rows, {batchSize} per transaction, {database.Parallelism} connection(s), in {elapsed.TotalSeconds:0.00} s: {rate:N0} rows/s"));
        return rate;
    }

    private static async Task<long> RecoveryAsync(PrivatePostgres? server, int events, TextWriter output)
    {
        await using var database = await BenchDatabase.CreateAsync(server).ConfigureAwait(false);
        await RawInsert.WriteAsync(database, 1, events, database.Options.BatchSize, database.Parallelism, "recover").ConfigureAwait(false);
        await RawInsert.WriteAsync(database, 1, 1_000, database.Options.BatchSize, 1, "warm-up").ConfigureAwait(false);
        var system = await database.StartSystemAsync("bench-journal-recovery").ConfigureAwait(false);
        try
        {
            await ReplayAsync(system, "warm-up-0", 1_000).ConfigureAwait(false);
            var start = Stopwatch.GetTimestamp();
            await ReplayAsync(system, "recover-0", events).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var rate = Rates.PerSecond(events, elapsed);
            output.WriteLine(Invariant($"recovery: 1 entity, {events:N0} events replayed in {elapsed.TotalSeconds:0.00} s: {rate:N0} events/s"));
            return rate;
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts <paramref name="entities"/> persisters, waits until all have recovered, then times their writes.</summary>
    private static async Task<TimeSpan> PersistAsync(ActorSystem system, string prefix, int entities, int eventsEach)
    {
        var ready = new CompletionCounter(entities);
        var done = new CompletionCounter(entities);
        var persisters = new List<IActorRef>(entities);
        for (var i = 0; i < entities; i++)
        {
            var persistenceId = $"{prefix}-{i}";
            persisters.Add(system.ActorOf(Props.Create(() => new Persister(persistenceId, ready, done))));
        }

        await Deadline.WithinAsync(ready.WhenDone, () => Invariant($"Recovery of {entities:N0} empty entities")).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        persisters.ForEach(p => p.Tell(new Persister.Go(eventsEach), ActorRefs.NoSender));
        await Deadline.WithinAsync(done.WhenDone, () => Invariant($"Persisting: {done.Arrived:N0} of {entities:N0} entities finished"), TimeSpan.FromMinutes(5))
            .ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task ReplayAsync(ActorSystem system, string persistenceId, int expected)
    {
        var recovered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Replayer(persistenceId, recovered)));
        await Deadline.WithinAsync(recovered.Task, () => Invariant($"Recovery of {persistenceId}"), TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        if (recovered.Task.Result != expected)
        {
            throw new InvalidOperationException(Invariant($"{persistenceId} replayed {recovered.Task.Result:N0} events, expected {expected:N0}."));
        }
    }
}
