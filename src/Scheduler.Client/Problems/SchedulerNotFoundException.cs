namespace Scheduler.Client.Problems;

/// <summary>404: there is no such task, schedule or member (or it was deleted).</summary>
public sealed class SchedulerNotFoundException : SchedulerProblemException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerNotFoundException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SchedulerNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a problem the server answered.</summary>
    public SchedulerNotFoundException(ApiProblem problem) : base(problem) { }
}
