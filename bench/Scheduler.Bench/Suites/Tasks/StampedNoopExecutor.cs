using System.Text.Json;
using Scheduler.Engine.Execution;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// A no-op executor that notes its start: the benchmark's task type. Its payload is <c>{"t": timestamp}</c>, the
/// submit's <see cref="System.Diagnostics.Stopwatch"/> timestamp.
/// </summary>
internal sealed class StampedNoopExecutor(StartLatencies latencies) : ITaskExecutor
{
    public const string Type = "bench-noop";

    public Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        latencies.OnStart(context.Payload!.Value.GetProperty("t").GetInt64());
        return Task.FromResult<JsonElement?>(null);
    }
}
