namespace Scheduler.Actors;

/// <summary>One configured mailbox; capacity 0 means unbounded.</summary>
internal sealed record MailboxSettings(string Id, int Capacity);
