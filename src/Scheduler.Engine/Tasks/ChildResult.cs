using System.Text.Json;

namespace Scheduler.Engine.Tasks;

/// <summary>How one fanned-out child ended, as its parent collects it: its id, its final state, its result or its last error.</summary>
public sealed record ChildResult(string TaskId, TaskState State, JsonElement? Result, TaskError? Error)
{
    /// <summary>True when the child succeeded.</summary>
    public bool Succeeded => State is TaskState.Succeeded;

    /// <summary>The end of a settled task.</summary>
    internal static ChildResult Of(TaskRecord task) => Of(TaskView.Of(task));

    /// <summary>The end of a finished task, as a view shows it.</summary>
    internal static ChildResult Of(TaskView task) =>
        new(task.Id, task.State, task.State is TaskState.Succeeded ? task.Result : null, task.State is TaskState.Succeeded ? null : task.LastError);
}
