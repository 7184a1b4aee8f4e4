namespace Scheduler.Persistence;

/// <summary>
/// A write hit an event already stored at the same (persistence id, sequence number): another incarnation of the
/// entity wrote first, so this writer is stale and must stop.
/// </summary>
public sealed class SequenceConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SequenceConflictException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SequenceConflictException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SequenceConflictException(string message, Exception innerException) : base(message, innerException) { }
}
