namespace Scheduler.Engine.Tasks;

/// <summary>Questions about a <see cref="TaskState"/> that every surface asks the same way.</summary>
public static class TaskStates
{
    /// <summary>True for the terminal states: Succeeded, Failed, TimedOut and Cancelled.</summary>
    public static bool IsFinished(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.TimedOut or TaskState.Cancelled;

    /// <summary>True when the task changes no more unless a client acts on it: finished, or deleted.</summary>
    public static bool IsEnded(this TaskState state) => state.IsFinished() || state is TaskState.Deleted;
}
