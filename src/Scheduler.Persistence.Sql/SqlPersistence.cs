using Scheduler.Actors;

namespace Scheduler.Persistence.Sql;

/// <summary>Opens the SQL journal and snapshot store and makes them a system's persistence.</summary>
public static class SqlPersistence
{
    /// <summary>
    /// Opens the stores (creating the tables first when <see cref="SqlPersistenceOptions.AutoInitialize"/> is on,
    /// otherwise checking that they exist) and sets them with <see cref="Persistence.Init"/>. The journal flushes and
    /// closes when the system has terminated.
    /// </summary>
    public static async Task<Persistence> InitAsync(ActorSystem system, SqlPersistenceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var (journal, snapshots) = await OpenAsync(options, system.Serialization, system.TimeProvider, cancellationToken).ConfigureAwait(false);
        _ = system.WhenTerminated.ContinueWith(_ => journal.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return Persistence.Init(system, journal, snapshots, journal.ReadJournal);
    }

    // Connections that read starting entities' events at once (where the dialect batches those reads): reads take
    // no lock, so unlike writes they do run side by side.
    private const int RecoveryReaders = 4;

    /// <summary>Opens the stores without binding them to a system (tests, tools, benchmarks).</summary>
    public static async Task<(SqlJournal Journal, SqlSnapshotStore SnapshotStore)> OpenAsync(
        SqlPersistenceOptions options, Scheduler.Actors.Serialization.SerializationRegistry serialization, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serialization);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var dialect = SqlDialect.For(options);
        await SqlSchema.EnsureAsync(dialect, options.AutoInitialize, time, cancellationToken).ConfigureAwait(false);
        var breaker = new CircuitBreaker(options.CircuitBreakerMaxFailures, options.CircuitBreakerResetTimeout);
        var signal = new JournalSignal();
        var writer = new BatchingWriter(dialect, options.BatchSize, options.EffectiveParallelism, options.QueueCapacity, breaker, time, signal.Raise);
        var queries = new SqlReadJournal(dialect, serialization, signal, time, options.QueryRefreshInterval, options.QueryPageSize, RecoveryReaders);
        return (new SqlJournal(dialect, serialization, writer, queries), new SqlSnapshotStore(dialect, serialization));
    }
}
