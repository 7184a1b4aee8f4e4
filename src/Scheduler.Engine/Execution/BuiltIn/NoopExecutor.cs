using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn;

/// <summary>The <c>noop</c> type: succeeds at once. For tests and benchmarks of the scheduler itself.</summary>
internal sealed class NoopExecutor : ITaskExecutor
{
    public Task<JsonElement?> ExecuteAsync(TaskContext context) => Task.FromResult<JsonElement?>(null);
}
