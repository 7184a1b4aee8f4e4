using System.Threading.Channels;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Coalesces journal writes of many actors into few transactions. Each request (the rows of one
/// <see cref="IJournal.WriteMessagesAsync"/> call) waits in a bounded queue (a full queue makes writers wait: that
/// is the back-pressure); each of <c>parallelism</c> loops takes requests until it holds <c>batchSize</c> rows and
/// inserts them in one transaction (the dialect chooses how: one INSERT of arrays on PostgreSQL, a prepared row INSERT per row on SQLite). A request is acknowledged only after the commit. A
/// request is never split across transactions, so each call stays atomic. When a batch fails on the unique key,
/// its requests are retried one transaction each, so only the stale writer fails; other failures fail the batch
/// and count towards the circuit breaker.
/// </summary>
internal sealed class BatchingWriter : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly Channel<Request> _queue;
    private readonly Task[] _loops;
    private readonly int _batchSize;
    private readonly CircuitBreaker _breaker;
    private readonly TimeProvider _time;
    private readonly Action _committed;

    // committed is called after each commit; it wakes live queries.
    public BatchingWriter(SqlDialect dialect, int batchSize, int parallelism, int queueCapacity, CircuitBreaker breaker, TimeProvider time, Action committed)
    {
        _committed = committed;
        _dialect = dialect;
        _batchSize = batchSize;
        _breaker = breaker;
        _time = time;
        _queue = Channel.CreateBounded<Request>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = parallelism == 1,
        });
        _loops = Enumerable.Range(0, parallelism).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public Task WriteAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        if (!_breaker.TryAcquire(Now))
        {
            return Task.FromException(new CircuitBreakerOpenException(
                $"The {_dialect.Name} journal refuses writes for now: the database failed repeatedly and is given time to recover."));
        }

        // With room in the queue (the usual case) the caller waits on the request itself: no state machine per write.
        var request = new Request(rows);
        return _queue.Writer.TryWrite(request) ? request.Done.Task : EnqueueAsync(request, cancellationToken);
    }

    private async Task EnqueueAsync(Request request, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Done.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private TimeSpan Now => _time.GetElapsedTime(0, _time.GetTimestamp());

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Request>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < _batchSize && reader.TryRead(out var request))
            {
                batch.Add(request);
                rows += request.Rows.Count;
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBatchAsync(List<Request> batch)
    {
        try
        {
            await InsertAsync(batch).ConfigureAwait(false);
            _breaker.RecordSuccess();
            batch.ForEach(static r => r.Done.TrySetResult());
        }
        catch (Exception exception) when (_dialect.IsUniqueViolation(exception))
        {
            // A database that answers is healthy; find the stale writer by writing each request on its own.
            _breaker.RecordSuccess();
            foreach (var request in batch)
            {
                try
                {
                    await InsertAsync([request]).ConfigureAwait(false);
                    request.Done.TrySetResult();
                }
                catch (Exception single) when (_dialect.IsUniqueViolation(single))
                {
                    request.Done.TrySetException(new SequenceConflictException(
                        $"Persistence id '{request.Rows[0].PersistenceId}' already has an event at a sequence number from {request.Rows[0].SequenceNr} to {request.Rows[^1].SequenceNr}; another writer got there first.",
                        single));
                }
                catch (Exception other)
                {
                    request.Done.TrySetException(other);
                }
            }
        }
        catch (Exception exception)
        {
            _breaker.RecordFailure(Now);
            foreach (var request in batch)
            {
                request.Done.TrySetException(exception);
            }
        }
    }

    private async Task InsertAsync(IReadOnlyList<Request> requests)
    {
        await using var connection = await _dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var rows = requests.Count == 1 ? requests[0].Rows : [.. requests.SelectMany(static r => r.Rows)];
        await _dialect.InsertAsync(connection, transaction, rows).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        _committed();
    }

    private sealed class Request(IReadOnlyList<JournalRow> rows)
    {
        public IReadOnlyList<JournalRow> Rows { get; } = rows;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
