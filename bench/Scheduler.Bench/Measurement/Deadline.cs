using static System.FormattableString;

namespace Scheduler.Bench.Measurement;

/// <summary>
/// Bounds every wait of a benchmark, so that a lost message or a stop that never completes ends the run with a
/// message saying what was awaited and how far it got, instead of hanging.
/// </summary>
internal static class Deadline
{
    /// <summary>The bound used when a step names none: far beyond any healthy run, well short of forever.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>Waits for <paramref name="task"/>; throws <see cref="TimeoutException"/> naming the step after <paramref name="limit"/>.</summary>
    /// <param name="task">What to wait for.</param>
    /// <param name="what">Describes the step and its progress at the moment it timed out.</param>
    /// <param name="limit">How long to wait; <see cref="Default"/> when null.</param>
    public static async Task WithinAsync(Task task, Func<string> what, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(what);
        var bound = limit ?? Default;
        try
        {
            await task.WaitAsync(bound, TimeProvider.System).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(Invariant($"{what()} did not finish within {bound.TotalSeconds:0} s."), exception);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds, bounded like <see cref="WithinAsync"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, Func<string> what, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WithinAsync(PollAsync(condition), what, limit);
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System).ConfigureAwait(false);
        }
    }
}
