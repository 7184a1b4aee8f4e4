namespace Scheduler.Actors;

/// <summary>
/// Implemented by actors that put messages aside for later. The runtime sets <see cref="Stash"/> before the
/// constructor's work is used; stashed messages survive a restart (they go back to the front of the mailbox)
/// and go to dead letters when the actor stops.
/// </summary>
public interface IWithStash
{
    /// <summary>The actor's stash, set by the runtime.</summary>
    IStash Stash { get; set; }
}
