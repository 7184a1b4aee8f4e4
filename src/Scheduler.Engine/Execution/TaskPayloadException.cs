namespace Scheduler.Engine.Execution;

/// <summary>The payload is not what the executor needs: the attempt fails with kind <c>invalid-payload</c>, which is never retried.</summary>
public sealed class TaskPayloadException : TaskFailedException
{
    /// <summary>With a default message.</summary>
    public TaskPayloadException()
        : this("the payload is invalid") { }

    /// <summary>With a message saying what is wrong.</summary>
    public TaskPayloadException(string message)
        : base(ErrorKinds.InvalidPayload, message) { }

    /// <summary>With a message and the cause.</summary>
    public TaskPayloadException(string message, Exception innerException)
        : base(ErrorKinds.InvalidPayload, message, innerException) { }
}
