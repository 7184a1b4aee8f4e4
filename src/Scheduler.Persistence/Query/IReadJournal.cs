namespace Scheduler.Persistence;

/// <summary>
/// Queries over the journal, in the manner of Akka.Persistence.Query. A <c>Current*</c> query returns what is stored
/// when it runs and ends; its live twin goes on, yielding new events as they are written, until it is cancelled.
/// Queries return deleted events no more than recovery does.
/// </summary>
public interface IReadJournal
{
    /// <summary>
    /// Events tagged <paramref name="tag"/> whose offset is greater than <paramref name="offset"/> (0 reads from the
    /// start), in offset order, as stored now.
    /// </summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="CurrentEventsByTag"/>, then every later event with the tag as it is written. An event is
    /// never skipped: offsets follow commit order (see docs/architecture.md, "Queries").
    /// </summary>
    IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default);

    /// <summary>The events of one entity from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/>, as stored now.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="CurrentEventsByPersistenceId"/>, then the entity's later events as they are written, until
    /// <paramref name="toSequenceNr"/> is reached or the query is cancelled.
    /// </summary>
    IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has written an event, each once, in the order the entities first wrote.</summary>
    IAsyncEnumerable<string> CurrentPersistenceIds(CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="CurrentPersistenceIds"/>, then each new entity as it writes its first event.</summary>
    IAsyncEnumerable<string> PersistenceIds(CancellationToken cancellationToken = default);
}
