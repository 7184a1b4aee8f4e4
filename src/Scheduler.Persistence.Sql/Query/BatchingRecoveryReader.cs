using System.Data.Common;
using System.Threading.Channels;
using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Coalesces the first recovery reads of many entities into few queries. Sharded entities start by the thousand
/// (a burst of new tasks, a shard moving to another node), and each starts with one read of its first page of events
/// and its highest sequence number; on a database over a socket that is one round trip per entity, which costs more
/// than the rows it returns. Requests wait in a queue; each of <c>parallelism</c> loops takes what is waiting (up to
/// <c>maxBatch</c>) and answers it with one query. A lone request is read as before, so an idle system adds no latency;
/// batches form only while reads are already queuing.
/// </summary>
internal sealed class BatchingRecoveryReader : IAsyncDisposable
{
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>();
    private readonly Func<string, long, long, int, CancellationToken, Task<(IReadOnlyList<StoredEvent>, long)>> _readOne;
    private readonly SqlDialect _dialect;
    private readonly string _batchSql;
    private readonly SerializationRegistry _serialization;
    private readonly int _maxBatch;
    private readonly Task[] _loops;

    public BatchingRecoveryReader(
        SqlDialect dialect,
        string batchSql,
        SerializationRegistry serialization,
        Func<string, long, long, int, CancellationToken, Task<(IReadOnlyList<StoredEvent>, long)>> readOne,
        int parallelism,
        int maxBatch)
    {
        _dialect = dialect;
        _batchSql = batchSql;
        _serialization = serialization;
        _readOne = readOne;
        _maxBatch = maxBatch;
        _loops = Enumerable.Range(0, parallelism).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public async Task<(IReadOnlyList<StoredEvent> Events, long Highest)> ReadAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken)
    {
        var request = new Request(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqlJournal), "The journal is shut down; recovery reads are refused.");
        }

        await using (cancellationToken.Register(static r => ((Request)r!).Done.TrySetCanceled(), request).ConfigureAwait(false))
        {
            return await request.Done.Task.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Request>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var request))
            {
                // A request whose reader gave up needs no answer.
                if (!request.Done.Task.IsCompleted)
                {
                    batch.Add(request);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await (batch.Count == 1 ? ReadOneAsync(batch[0]) : ReadBatchAsync(batch)).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                batch.ForEach(r => r.Done.TrySetException(exception));
            }
        }
    }

    private async Task ReadOneAsync(Request request)
    {
        request.Done.TrySetResult(await _readOne(request.PersistenceId, request.From, request.To, request.Max, request.CancellationToken).ConfigureAwait(false));
    }

    private async Task ReadBatchAsync(List<Request> batch)
    {
        var events = batch.Select(static _ => new List<StoredEvent>()).ToArray();
        var highest = new long[batch.Count];
        await using (var connection = await _dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = _batchSql;
            SqlDialect.Add(command, "@ids", batch.Select(static r => r.PersistenceId).ToArray());
            SqlDialect.Add(command, "@froms", batch.Select(static r => r.From).ToArray());
            SqlDialect.Add(command, "@tos", batch.Select(static r => r.To).ToArray());
            SqlDialect.Add(command, "@maxes", batch.Select(static r => r.Max).ToArray());
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                events[Index(reader, StoredEvent.ColumnCount)].Add(StoredEvent.Read(reader, _serialization));
            }

            await reader.NextResultAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                highest[Index(reader, 0)] = reader.GetInt64(1);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult((events[i], highest[i]));
        }
    }

    // The batch query numbers its requests from 1, in the order of the arrays it was given.
    private static int Index(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal) - 1);

    private sealed record Request(string PersistenceId, long From, long To, int Max, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<(IReadOnlyList<StoredEvent>, long)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
