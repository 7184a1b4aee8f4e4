namespace Scheduler.Engine.Execution;

/// <summary>Thrown by an executor to fail an attempt with a chosen error kind (which retry policies can name as not retryable).</summary>
public class TaskFailedException : Exception
{
    /// <summary>Fails with kind <c>failed</c>.</summary>
    public TaskFailedException()
        : this("failed", "the task failed") { }

    /// <summary>Fails with kind <c>failed</c>.</summary>
    public TaskFailedException(string message)
        : this("failed", message) { }

    /// <summary>Fails with kind <c>failed</c>.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException) => Kind = "failed";

    /// <summary>Fails with <paramref name="kind"/>.</summary>
    public TaskFailedException(string kind, string message)
        : base(message) => Kind = kind;

    /// <summary>Fails with <paramref name="kind"/> and the cause.</summary>
    public TaskFailedException(string kind, string message, Exception innerException)
        : base(message, innerException) => Kind = kind;

    /// <summary>The error kind the attempt fails with.</summary>
    public string Kind { get; }
}
