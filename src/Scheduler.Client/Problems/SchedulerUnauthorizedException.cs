namespace Scheduler.Client.Problems;

/// <summary>401: the request carried no bearer token, or not the one the node expects (<c>scheduler.api.token</c>).</summary>
public sealed class SchedulerUnauthorizedException : SchedulerProblemException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerUnauthorizedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SchedulerUnauthorizedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerUnauthorizedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a problem the server answered.</summary>
    public SchedulerUnauthorizedException(ApiProblem problem) : base(problem) { }
}
