using System.Text.Json.Serialization;

namespace Scheduler.Engine.Tasks;

/// <summary>Where a task is in its lifecycle; <c>docs/tasks.md</c> has the state diagram.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskState>))]
public enum TaskState
{
    /// <summary>Accepted, waiting for its due time.</summary>
    Scheduled,

    /// <summary>Due, waiting for a worker.</summary>
    Ready,

    /// <summary>Sent to a worker, which has not reported the start yet.</summary>
    Dispatched,

    /// <summary>An attempt runs on a worker.</summary>
    Running,

    /// <summary>Finished: an attempt succeeded.</summary>
    Succeeded,

    /// <summary>Finished: the last allowed attempt failed, or failed with an error that is not retried.</summary>
    Failed,

    /// <summary>An attempt failed; the next one waits for its backoff.</summary>
    RetryWaiting,

    /// <summary>Finished: the last allowed attempt ran out of time.</summary>
    TimedOut,

    /// <summary>Finished: cancelled by a client.</summary>
    Cancelled,

    /// <summary>Held by a client until it is resumed.</summary>
    Paused,

    /// <summary>Deleted: a tombstone that keeps attempt numbers growing if the id is used again.</summary>
    Deleted,

    /// <summary>An attempt fanned out children; the task waits until all of them have ended.</summary>
    WaitingForChildren,
}
