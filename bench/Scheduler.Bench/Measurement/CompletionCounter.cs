namespace Scheduler.Bench.Measurement;

/// <summary>Counts arrivals from many threads and completes a task when the expected number has arrived.</summary>
internal sealed class CompletionCounter
{
    // Continuations run elsewhere, so the benchmark's own code never runs on the thread of the actor that arrived last.
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expected;
    private int _arrived;

    public CompletionCounter(int expected)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expected);
        _expected = expected;
    }

    /// <summary>How many have arrived so far.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes when the expected number has arrived.</summary>
    public Task WhenDone => _done.Task;

    /// <summary>Records one arrival.</summary>
    public void Signal()
    {
        if (Interlocked.Increment(ref _arrived) == _expected)
        {
            _done.TrySetResult();
        }
    }
}
