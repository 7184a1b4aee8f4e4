namespace Scheduler.Engine.Execution;

/// <summary>Error kinds the engine itself reports. The first two are never retried: running again cannot help.</summary>
public static class ErrorKinds
{
    /// <summary>No executor is registered for the task's type on the worker.</summary>
    public const string UnknownType = "unknown-task-type";

    /// <summary>The executor found the payload unusable.</summary>
    public const string InvalidPayload = "invalid-payload";

    /// <summary>The attempt ran past its start-to-close or heartbeat timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>True for kinds no retry can fix.</summary>
    public static bool IsFinal(string kind) => kind is UnknownType or InvalidPayload;
}
