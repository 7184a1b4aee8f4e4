namespace Scheduler.Client.Problems;

/// <summary>400 (or 413, 415): the request is malformed; nothing was changed. <see cref="Errors"/> names each bad field.</summary>
public sealed class SchedulerValidationException : SchedulerProblemException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerValidationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SchedulerValidationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerValidationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a problem the server answered.</summary>
    public SchedulerValidationException(ApiProblem problem) : base(problem) { }

    /// <summary>The messages per field (a JSON path such as <c>retry.maxAttempts</c>, or a query parameter).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem.Errors ?? new Dictionary<string, string[]>(StringComparer.Ordinal);
}
