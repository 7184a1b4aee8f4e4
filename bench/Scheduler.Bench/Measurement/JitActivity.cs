using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Scheduler.Bench.Measurement;

/// <summary>
/// What the JIT did over a stretch of a run: methods compiled and the time spent compiling them. Tiered compilation
/// keeps recompiling hot methods in the background for seconds after a warm-up ends, on a thread of its own that
/// takes a core's share on a small machine; a suite that measures a steady state waits for it to go quiet first
/// (<see cref="SettleAsync"/>) and prints what was still compiled during the measurement.
/// </summary>
internal sealed class JitActivity
{
    private readonly long _methods = JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _time = JitInfo.GetCompilationTime();

    /// <summary>
    /// Waits until no method has been compiled for <paramref name="quiet"/>, or <paramref name="atMost"/> has
    /// passed; returns when the last compilation it saw happened (from the start of the wait), or null when the JIT
    /// was still compiling at <paramref name="atMost"/>.
    /// </summary>
    public static async Task<TimeSpan?> SettleAsync(TimeSpan quiet, TimeSpan atMost)
    {
        var watch = Stopwatch.StartNew();
        var lastChange = TimeSpan.Zero;
        var count = JitInfo.GetCompiledMethodCount();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (watch.Elapsed - lastChange < quiet && await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            if (watch.Elapsed >= atMost)
            {
                return null;
            }

            var now = JitInfo.GetCompiledMethodCount();
            if (now != count)
            {
                (count, lastChange) = (now, watch.Elapsed);
            }
        }

        return lastChange;
    }

    /// <summary>Methods compiled since this instance was made.</summary>
    public long Methods => JitInfo.GetCompiledMethodCount() - _methods;

    /// <summary>Since this instance was made: e.g. "jit: 120 methods compiled in 85 ms".</summary>
    public string Since() => string.Create(CultureInfo.InvariantCulture,
        $"jit: {Methods:N0} methods compiled in {(JitInfo.GetCompilationTime() - _time).TotalMilliseconds:N0} ms");
}
