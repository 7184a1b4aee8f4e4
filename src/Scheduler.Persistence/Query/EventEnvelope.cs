namespace Scheduler.Persistence;

/// <summary>An event as a query returns it: the event with where it sits in its entity and in the whole journal.</summary>
/// <param name="Offset">
/// The event's place in the whole journal (the <c>ordering</c> column): it grows with every write, so a reader that
/// stores the offset of the last event it handled resumes after it. Gaps are normal (a rolled-back write leaves one).
/// </param>
/// <param name="PersistenceId">The entity the event belongs to.</param>
/// <param name="SequenceNr">The event's place in its entity's sequence.</param>
/// <param name="Event">The event, deserialized through the system's registry.</param>
/// <param name="Timestamp">When it was written.</param>
/// <param name="Tags">The tags it was written with.</param>
public sealed record EventEnvelope(
    long Offset,
    string PersistenceId,
    long SequenceNr,
    object Event,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Tags);
