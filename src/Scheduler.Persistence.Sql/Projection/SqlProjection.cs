using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Keeps a read model in the journal's database up to date with the events of one tag, exactly once: each batch of
/// events is applied by the handler and the projection's offset is moved in one transaction. After a crash, a failed
/// batch or a restart, the projection reads its stored offset and goes on after it, so no event is applied twice and
/// none is skipped (offsets follow commit order; see <see cref="IReadJournal.EventsByTag"/>).
/// A failing batch is rolled back and retried after a pause that doubles up to a maximum.
/// </summary>
public sealed partial class SqlProjection : IAsyncDisposable
{
    private readonly SqlJournal _journal;
    private readonly SqlProjectionOptions _options;
    private readonly ProjectionHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(long Offset, TaskCompletionSource Done)> _waiters = [];
    private readonly Task _loop;
    private long _offset;

    // The offset in projection_offset, which a batch's move expects to find; _offset may be further on, when reads
    // found nothing with the tag up to there (that is kept in memory, not written, to spare a write per poll).
    private long _stored;

    // When the last read that came back short began (a full one is followed at once); null when none was.
    private long? _lastRead;

    private SqlProjection(SqlJournal journal, SqlProjectionOptions options, ProjectionHandler handler, ILogger logger, TimeProvider time)
    {
        _journal = journal;
        _options = options;
        _handler = handler;
        _logger = logger;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// How far this instance has applied the tag: every event with the tag up to this offset is in the read model. It
    /// is the offset it last committed or started from, or further on when its reads found nothing with the tag up to
    /// there (a position kept in memory until the next batch stores it).
    /// </summary>
    public long Offset => Interlocked.Read(ref _offset);

    /// <summary>Starts applying events to the read model in the background until disposed.</summary>
    /// <param name="journal">The journal whose database holds the read model.</param>
    /// <param name="options">Name, tag, batch size and backoff.</param>
    /// <param name="handler">Applies one event within the batch's transaction.</param>
    /// <param name="logger">Where failed batches are reported; none by default.</param>
    /// <param name="time">The clock for backoff pauses; the system clock by default.</param>
    public static SqlProjection Start(SqlJournal journal, SqlProjectionOptions options, ProjectionHandler handler, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return new SqlProjection(journal, options, handler, logger ?? NullLogger.Instance, time ?? TimeProvider.System);
    }

    /// <summary>The stored offset of the projection <paramref name="name"/> (0 before its first batch).</summary>
    public static async Task<long> ReadOffsetAsync(SqlJournal journal, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        await using var connection = await journal.Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ProjectionOffsetStore.ReadAsync(connection, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes once this instance's <see cref="Offset"/> is at or past <paramref name="offset"/>: after writing
    /// events, await it with their offset to read the read model with those events applied.
    /// </summary>
    public Task WaitForOffsetAsync(long offset, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Offset >= offset)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((offset, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops after the batch in progress (rolled back if unfinished) and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        var backoff = _options.MinBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Reloaded after every failure: a commit whose answer was lost may have moved it.
                _stored = await ReadOffsetAsync(_journal, _options.Name, stop).ConfigureAwait(false);
                Publish(_stored, reset: true);
                while (true)
                {
                    await ApplyNextBatchAsync(stop).ConfigureAwait(false);
                    backoff = _options.MinBackoff;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the handler or the database is retried: the read model must catch up.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                BatchFailed(_logger, _options.Name, Offset, backoff, exception);
                try
                {
                    await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task ApplyNextBatchAsync(CancellationToken stop)
    {
        var queries = _journal.Queries;
        // After a short read, the next waits out the batch interval (see SqlProjectionOptions.BatchInterval).
        if (_lastRead is { } last && _options.BatchInterval - _time.GetElapsedTime(last) is var rest && rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, _time, stop).ConfigureAwait(false);
        }

        var seen = queries.SignalVersion;
        var began = _time.GetTimestamp();
        var page = await queries.TagPageAsync(_options.Tag, Offset, _options.BatchSize, stop).ConfigureAwait(false);
        var events = page.Events;
        _lastRead = events.Count < _options.BatchSize ? began : null;
        if (events.Count == 0)
        {
            // Nothing with the tag up to ScannedTo: the next read starts there, not at the last event applied.
            Publish(page.ScannedTo);
            await queries.WaitForWritesAsync(seen, stop).ConfigureAwait(false);
            return;
        }

        await using var connection = await _journal.Dialect.OpenAsync(stop).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(stop).ConfigureAwait(false);
        var context = new ProjectionContext(connection, transaction, _journal.Dialect.Database);
        foreach (var envelope in events)
        {
            await _handler(context, envelope, stop).ConfigureAwait(false);
        }

        await context.RunBeforeCommitAsync(stop).ConfigureAwait(false);
        var next = page.ScannedTo;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await ProjectionOffsetStore.TryMoveAsync(context, _options.Name, _stored, next, now, stop).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"Projection '{_options.Name}' was moved past offset {_stored} by another instance; its batch is rolled back and it reloads the offset.");
        }

        await transaction.CommitAsync(stop).ConfigureAwait(false);
        _stored = next;
        Publish(next);
    }

    // Offsets only move forward, except when reloaded from the table (reset), which is the truth after a failure.
    private void Publish(long offset, bool reset = false)
    {
        List<TaskCompletionSource> reached;
        lock (_gate)
        {
            if (!reset && offset <= Offset)
            {
                return;
            }

            Interlocked.Exchange(ref _offset, offset);
            reached = _waiters.Where(w => w.Offset <= offset).Select(static w => w.Done).ToList();
            _waiters.RemoveAll(w => w.Offset <= offset);
        }

        reached.ForEach(static done => done.TrySetResult());
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "Projection {Name} failed a batch after offset {Offset}; rolled back, retrying in {Backoff}")]
    private static partial void BatchFailed(ILogger logger, string name, long offset, TimeSpan backoff, Exception exception);
}
