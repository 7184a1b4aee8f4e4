namespace Scheduler.Actors;

/// <summary>An actor selection matched no actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorNotFoundException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
