using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.ReadModel;

/// <summary>One page of a <see cref="TaskQuery"/>: the tasks, and the cursor of the next page (null after the last).</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, string? Next);
