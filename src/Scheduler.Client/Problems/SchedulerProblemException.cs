namespace Scheduler.Client.Problems;

/// <summary>
/// The scheduler refused a request, or could not carry it out: the answer's problem details, as an exception. The
/// derived exceptions name the cases a caller handles differently; anything else is this type.
/// </summary>
public class SchedulerProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchedulerProblemException() : this("the scheduler refused the request") { }

    /// <summary>Creates the exception with a message (the problem's detail).</summary>
    public SchedulerProblemException(string message) : base(message) => Problem = new ApiProblem { Detail = message };

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerProblemException(string message, Exception innerException) : base(message, innerException) =>
        Problem = new ApiProblem { Detail = message };

    /// <summary>Creates the exception for a problem the server answered.</summary>
    public SchedulerProblemException(ApiProblem problem) : base(problem?.ToString()) =>
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));

    /// <summary>The problem details.</summary>
    public ApiProblem Problem { get; }

    /// <summary>The HTTP status (0 when the problem has none).</summary>
    public int Status => Problem.Status ?? 0;
}
