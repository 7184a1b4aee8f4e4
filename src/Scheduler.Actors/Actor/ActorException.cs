namespace Scheduler.Actors;

/// <summary>Base of the exceptions the runtime raises about actors.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorException(string message, Exception innerException) : base(message, innerException) { }
}
