namespace Scheduler.Client.Problems;

/// <summary>409: the command does not apply in the task's or schedule's current state (resume a task that is not paused, re-run one that has not finished).</summary>
public sealed class SchedulerConflictException : SchedulerProblemException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerConflictException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SchedulerConflictException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerConflictException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a problem the server answered.</summary>
    public SchedulerConflictException(ApiProblem problem) : base(problem) { }

    /// <summary>The state the task or schedule is in (kebab-case, as the API writes it), when the server said.</summary>
    public string? Current => Problem.Extensions is { } extra && extra.TryGetValue("current", out var current) &&
        current.ValueKind == System.Text.Json.JsonValueKind.String ? current.GetString() : null;
}
