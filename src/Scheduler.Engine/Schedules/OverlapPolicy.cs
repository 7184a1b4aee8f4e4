namespace Scheduler.Engine.Schedules;

/// <summary>What a schedule does when an occurrence comes while the task of an earlier one has not finished.</summary>
public enum OverlapPolicy
{
    /// <summary>The new occurrence is skipped.</summary>
    Skip,

    /// <summary>The new occurrence's task starts anyway; tasks of one schedule may run side by side.</summary>
    Allow,

    /// <summary>
    /// The new occurrence waits and fires when the running one finishes; only one waits: occurrences that come while
    /// one is already waiting are skipped.
    /// </summary>
    BufferOne,

    /// <summary>The running occurrence's task is cancelled, and the new one fires once it has ended.</summary>
    CancelPrevious,
}
