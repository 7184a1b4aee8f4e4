using System.Globalization;

namespace Scheduler.Bench.Measurement;

/// <summary>
/// What the garbage collector did over a stretch of a run: collections per generation, the time the process was
/// paused for them, and the bytes allocated. A suite prints it beside a rate, so a reader can tell how much of the
/// time went to collections.
/// </summary>
internal sealed class GcActivity
{
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen1 = GC.CollectionCount(1);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();

    /// <summary>
    /// Since this instance was made, per <paramref name="perItems"/> tasks: e.g. "gc: 10/3/3 collections (gen0/1/2),
    /// paused 990 ms, 1,297 MiB allocated (44.3 KiB per task); the last young collection promoted 31.5 MiB in 88 ms; the last
    /// full collection paused 152 ms and left 77 MiB".
    /// </summary>
    public string Since(int perItems)
    {
        var allocated = GC.GetTotalAllocatedBytes() - _allocated;
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);

        // A young collection's pause grows with what it promotes (the objects still alive that it copies on), not
        // with what was allocated: this is the figure that bounds a latency percentile.
        var young = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        var lastYoung = GC.CollectionCount(0) == _gen0
            ? "no young collection; "
            : string.Create(CultureInfo.InvariantCulture,
                $"the last young collection promoted {young.PromotedBytes / (1024.0 * 1024):N1} MiB in {young.PauseDurations[0].TotalMilliseconds:N0} ms; ");
        return string.Create(CultureInfo.InvariantCulture,
            $"gc: {GC.CollectionCount(0) - _gen0}/{GC.CollectionCount(1) - _gen1}/{GC.CollectionCount(2) - _gen2} collections (gen0/1/2), " +
            $"paused {(GC.GetTotalPauseDuration() - _paused).TotalMilliseconds:N0} ms, {allocated / (1024.0 * 1024):N0} MiB allocated ({allocated / 1024.0 / perItems:N1} KiB per task); " +
            $"{lastYoung}" +
            $"the last full collection paused {full.PauseDurations[0].TotalMilliseconds:N0} ms and left {full.HeapSizeBytes / (1024.0 * 1024):N0} MiB");
    }
}
