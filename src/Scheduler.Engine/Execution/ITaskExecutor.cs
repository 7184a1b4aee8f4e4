using System.Text.Json;

namespace Scheduler.Engine.Execution;

/// <summary>
/// User code that runs one task type. A worker creates one instance per attempt (through dependency injection, see
/// <see cref="ExecutorRegistry"/>) and calls <see cref="ExecuteAsync"/> once. Returning ends the attempt as
/// succeeded with the returned JSON as its result; throwing fails it (the retry policy decides what follows). The
/// context's token is cancelled when the task is cancelled or its attempt times out: honour it, because the worker
/// counts the attempt as running, and starts no other attempt of the task anywhere, until this method returns.
/// </summary>
public interface ITaskExecutor
{
    /// <summary>Runs one attempt.</summary>
    Task<JsonElement?> ExecuteAsync(TaskContext context);
}
