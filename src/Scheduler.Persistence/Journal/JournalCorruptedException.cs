namespace Scheduler.Persistence;

/// <summary>A stored event could not be read back; the message names the persistence id and sequence number.</summary>
public sealed class JournalCorruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalCorruptedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public JournalCorruptedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JournalCorruptedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one row.</summary>
    public JournalCorruptedException(string persistenceId, long sequenceNr, Exception innerException)
        : base($"The event of persistence id '{persistenceId}' at sequence number {sequenceNr} cannot be read: {innerException.Message}", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The entity whose event is unreadable.</summary>
    public string? PersistenceId { get; }

    /// <summary>The unreadable event's sequence number.</summary>
    public long SequenceNr { get; }
}
