using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn;

/// <summary>
/// The <c>sleep</c> type: waits <c>{"ms": N}</c> milliseconds (on the node's <see cref="TimeProvider"/>), then
/// succeeds; <c>{"fail": "kind"}</c> makes it fail with that error kind instead. For tests and benchmarks.
/// </summary>
internal sealed class SleepExecutor(TimeProvider time) : ITaskExecutor
{
    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        var ms = 0;
        string? fail = null;
        if (context.Payload is { ValueKind: JsonValueKind.Object } payload)
        {
            if (payload.TryGetProperty("ms", out var value) && (value.ValueKind is not JsonValueKind.Number || !value.TryGetInt32(out ms)))
            {
                throw new TaskPayloadException("sleep: 'ms' must be a whole number of milliseconds");
            }

            if (payload.TryGetProperty("fail", out var kind))
            {
                fail = kind.ValueKind is JsonValueKind.String
                    ? kind.GetString()
                    : throw new TaskPayloadException("sleep: 'fail' must be an error kind (a string)");
            }
        }

        if (ms < 0)
        {
            throw new TaskPayloadException("sleep: 'ms' must not be negative");
        }

        if (ms > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), time, context.CancellationToken).ConfigureAwait(false);
        }

        return fail is null ? null : throw new TaskFailedException(fail, "sleep was asked to fail");
    }
}
