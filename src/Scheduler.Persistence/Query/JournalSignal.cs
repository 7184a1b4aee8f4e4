namespace Scheduler.Persistence;

/// <summary>
/// Tells live queries that the journal may have changed, so they read again at once instead of at their next poll.
/// A waiter remembers the <see cref="Version"/> it read before querying and waits only while it is unchanged, so a
/// write that lands between the query and the wait is never missed.
/// </summary>
internal sealed class JournalSignal
{
    private long _version;
    private TaskCompletionSource? _waiter;

    public long Version => Volatile.Read(ref _version);

    public void Raise()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }

    /// <summary>Returns when the version moves past <paramref name="seen"/> or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var waiter = Volatile.Read(ref _waiter);
        if (waiter is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiter = Interlocked.CompareExchange(ref _waiter, fresh, null) ?? fresh;
        }

        // Checked after the waiter is published: a Raise after this check completes the waiter we hold.
        if (Version != seen)
        {
            return;
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The poll interval passed: the caller reads again, which covers writers this process cannot hear.
        }
    }
}
