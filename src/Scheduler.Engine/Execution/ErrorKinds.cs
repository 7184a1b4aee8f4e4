namespace Scheduler.Engine.Execution;

/// <summary>Error kinds the engine itself reports. Those <see cref="IsFinal"/> names are never retried: running again cannot help.</summary>
public static class ErrorKinds
{
    /// <summary>No executor is registered for the task's type on the worker.</summary>
    public const string UnknownType = "unknown-task-type";

    /// <summary>The executor found the payload unusable.</summary>
    public const string InvalidPayload = "invalid-payload";

    /// <summary>The attempt ran past its start-to-close or heartbeat timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The attempt's executor actor kept crashing (its executor could not be created, say) until its restarts ran out.</summary>
    public const string ExecutorCrashed = "executor-crashed";

    /// <summary>An <c>http</c> task's server refused the request with a 4xx status other than 408 and 429.</summary>
    public const string HttpRejected = "http-rejected";

    /// <summary>An attempt asked for children the engine cannot accept (too many, or one of them invalid).</summary>
    public const string InvalidFanOut = "invalid-fan-out";

    /// <summary>A parent's child ended other than succeeded (the child's own retries are spent by then).</summary>
    public const string ChildFailed = "child-failed";

    /// <summary>An attempt returned a result longer than the limit, or a parent's children's results together were.</summary>
    public const string ResultTooLarge = "result-too-large";

    /// <summary>True for kinds no retry can fix.</summary>
    public static bool IsFinal(string kind) => kind is UnknownType or InvalidPayload or HttpRejected or InvalidFanOut or ChildFailed or ResultTooLarge;
}
