namespace Scheduler.TestKit.MultiNode;

/// <summary>Which traffic between two roles a fault applies to, seen from the first role.</summary>
public enum Direction
{
    /// <summary>What the first role sends to the second.</summary>
    Send,

    /// <summary>What the first role receives from the second.</summary>
    Receive,

    /// <summary>Both ways.</summary>
    Both,
}
