namespace Scheduler.Actors;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the child and its state; it goes on with its next message.</summary>
    Resume,

    /// <summary>Replace the child's instance with a fresh one; its mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
