namespace Scheduler.Persistence;

/// <summary>One event as the journal stores it: whose it is, its place in that entity's sequence, and the event.</summary>
/// <param name="PersistenceId">The entity the event belongs to.</param>
/// <param name="SequenceNr">The event's position, from 1, without gaps in a healthy journal.</param>
/// <param name="Payload">The event.</param>
/// <param name="WriterId">Which actor incarnation wrote it.</param>
/// <param name="Tags">Tags for queries by tag.</param>
/// <param name="Timestamp">When it was written, from the system's clock.</param>
public sealed record PersistentRepresentation(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string WriterId,
    IReadOnlyList<string> Tags,
    DateTimeOffset Timestamp);
