namespace Scheduler.Bench.Measurement;

/// <summary>Reads the managed heap once everything collectable has been collected.</summary>
internal static class Heap
{
    /// <summary>
    /// Bytes live on the managed heap after a full, blocking collection; finalizers run in between, so objects they
    /// release are gone too.
    /// </summary>
    public static long SettledBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
