using System.Text.Json;
using Scheduler.Engine.Execution;

namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// The <c>witness</c> task type: records its beginning, works for <c>{"ms": N}</c> milliseconds, and records its end.
/// Told to stop, it takes <c>cleanupMs</c> more to wind down, as real code does; that is the window in which a node
/// that was cut off still runs an attempt the rest of the cluster may already want to run again. Its records are
/// what the specs judge; nothing it does is reported by the engine itself.
/// </summary>
public sealed class WitnessExecutor(WitnessLog log, string node) : ITaskExecutor
{
    public const string Type = "witness";

    public static JsonElement Payload(int ms, int cleanupMs) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, int>(StringComparer.Ordinal) { ["ms"] = ms, ["cleanupMs"] = cleanupMs });

    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ms = context.Payload?.GetProperty("ms").GetInt32() ?? 0;
        var cleanupMs = context.Payload?.GetProperty("cleanupMs").GetInt32() ?? 0;
        await log.BeganAsync(context.TaskId, context.Attempt, node);
        try
        {
            // The work itself: a task that takes its time and stops when its token says so.
            await Task.Delay(TimeSpan.FromMilliseconds(ms), TimeProvider.System, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(cleanupMs), TimeProvider.System, CancellationToken.None);
            await log.EndedAsync(context.TaskId, context.Attempt, node, WitnessedAttempt.Stopped);
            throw;
        }

        await log.EndedAsync(context.TaskId, context.Attempt, node, WitnessedAttempt.Succeeded);
        return null;
    }
}
