using Scheduler.Engine.Tasks;

namespace Scheduler.Client;

/// <summary>The answer to a submit: the task, and whether this submit created it (false: a task with that id or idempotency key existed).</summary>
/// <param name="Task">The task as it is now.</param>
/// <param name="Created">True when this submit created the task.</param>
public sealed record Submission(TaskView Task, bool Created);
