namespace Scheduler.Cluster.Gossip;

/// <summary>How two vector clocks relate.</summary>
internal enum ClockOrder
{
    /// <summary>Every entry is equal.</summary>
    Same,

    /// <summary>This clock happened before the other: no entry is greater and at least one is smaller.</summary>
    Before,

    /// <summary>This clock happened after the other.</summary>
    After,

    /// <summary>Neither happened before the other: both saw changes the other did not (gossip must merge).</summary>
    Concurrent,
}
