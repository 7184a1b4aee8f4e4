namespace Scheduler.Actors.Serialization;

/// <summary>A message could not be serialized or deserialized; the message says which type or manifest.</summary>
public sealed class SerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SerializationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SerializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SerializationException(string message, Exception innerException) : base(message, innerException) { }
}
