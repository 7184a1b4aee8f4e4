namespace Scheduler.Client.Problems;

/// <summary>
/// 503: the node is starting, or an entity did not answer in time (its shard is moving, its node is unreachable).
/// The request changed nothing the caller can tell; repeat it after <see cref="RetryAfter"/>. A repeated submit with
/// the same task id finds the same task.
/// </summary>
public sealed class SchedulerUnavailableException : SchedulerProblemException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerUnavailableException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SchedulerUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SchedulerUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a problem the server answered, with its <c>Retry-After</c>.</summary>
    public SchedulerUnavailableException(ApiProblem problem, TimeSpan? retryAfter = null) : base(problem) => RetryAfter = retryAfter;

    /// <summary>How long the server asked the caller to wait before repeating the request, if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
