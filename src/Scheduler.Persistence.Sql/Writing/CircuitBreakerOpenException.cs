namespace Scheduler.Persistence.Sql;

/// <summary>Writes are refused for a while because the database failed repeatedly.</summary>
public sealed class CircuitBreakerOpenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CircuitBreakerOpenException() { }

    /// <summary>Creates the exception with a message.</summary>
    public CircuitBreakerOpenException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CircuitBreakerOpenException(string message, Exception innerException) : base(message, innerException) { }
}
