using System.Text.Json.Serialization;

namespace Scheduler.Engine.Tasks;

/// <summary>What pausing a task does to an attempt that is already dispatched or running.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunningPausePolicy>))]
public enum RunningPausePolicy
{
    /// <summary>The attempt runs to its end; a success finishes the task, a failure leaves it paused instead of retrying (as Quartz and Temporal do).</summary>
    LetFinish,

    /// <summary>The attempt is cancelled and the task waits, paused, to be dispatched again once resumed.</summary>
    CancelAndRequeue,
}
