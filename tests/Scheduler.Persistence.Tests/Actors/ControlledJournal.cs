namespace Scheduler.Persistence.Tests.Actors;

/// <summary>
/// Wraps a journal so a test can hold writes at a gate, make them fail, and see how many reads run at once.
/// </summary>
internal sealed class ControlledJournal(IJournal inner) : IJournal
{
    private TaskCompletionSource? _gate;
    private int _readers;
    private int _maxReaders;

    public Exception? FailWritesWith { get; set; }

    public int MaxConcurrentReads => Volatile.Read(ref _maxReaders);

    public TaskCompletionSource HoldWrites() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }

        return await inner.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PersistentRepresentation>> ReadEventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, int max, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _readers);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxReaders)) && Interlocked.CompareExchange(ref _maxReaders, now, seen) != seen)
        {
        }

        try
        {
            // Yield so that concurrent recoveries really overlap here.
            await Task.Yield();
            return await inner.ReadEventsAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _readers);
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
}
