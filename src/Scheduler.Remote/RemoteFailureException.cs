namespace Scheduler.Remote;

/// <summary>
/// A failure reported by an actor on another node (a <c>Status.Failure</c> that crossed the wire). Only the
/// original type's name and message travel: exception types are never rebuilt from a name found in input.
/// </summary>
public sealed class RemoteFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteFailureException(string originalType, string message)
        : base(message) => OriginalType = originalType;

    /// <summary>Creates the exception.</summary>
    public RemoteFailureException()
        : this("unknown", "A remote actor failed.") { }

    /// <summary>Creates the exception.</summary>
    public RemoteFailureException(string message)
        : this("unknown", message) { }

    /// <summary>Creates the exception.</summary>
    public RemoteFailureException(string message, Exception innerException)
        : base(message, innerException) => OriginalType = "unknown";

    /// <summary>The full name of the exception type thrown on the other node.</summary>
    public string OriginalType { get; }
}
