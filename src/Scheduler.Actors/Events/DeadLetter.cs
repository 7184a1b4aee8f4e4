namespace Scheduler.Actors;

/// <summary>
/// A message that could not be delivered: its recipient had stopped, its mailbox was full, or nobody was addressed.
/// Published on the event stream; the dead-letter listener logs them, rate-limited.
/// </summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient)
{
    /// <summary>Why it was not delivered, when more is known than "the recipient is gone".</summary>
    public string? Reason { get; init; }
}
