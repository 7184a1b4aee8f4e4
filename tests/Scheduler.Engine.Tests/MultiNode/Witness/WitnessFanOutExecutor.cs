using System.Globalization;
using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// The <c>witness-fan-out</c> task type: a parent whose first attempt fans out <c>{"children": N}</c> witnessed
/// children (keys 0 to N-1, each working <c>ms</c>) and whose reduce attempt checks that every child succeeded. Both
/// attempts are witnessed: the first ends as <see cref="FannedOut"/> (not a success), the reduce attempt as a success,
/// so the verdict sees the parent done only once its children were collected.
/// </summary>
public sealed class WitnessFanOutExecutor(WitnessLog log, string node) : ITaskExecutor
{
    public const string Type = "witness-fan-out";

    public const string FannedOut = "fanned-out";

    public static JsonElement Payload(int children, int ms) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, int>(StringComparer.Ordinal) { ["children"] = children, ["ms"] = ms });

    /// <summary>The ids of the children a parent of this type fans out.</summary>
    public static IEnumerable<string> ChildIds(string parentId, int children) =>
        Enumerable.Range(0, children).Select(i => FanOutPlan.ChildId(parentId, i.ToString(CultureInfo.InvariantCulture)));

    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var count = context.Payload!.Value.GetProperty("children").GetInt32();
        var ms = context.Payload.Value.GetProperty("ms").GetInt32();
        await log.BeganAsync(context.TaskId, context.Attempt, node);
        if (context.Children is { } children)
        {
            // The reduce attempt: every child is here, in order, and succeeded (a failed child would have failed the parent).
            var unexpected = children.Count != count || children.Any(child => child.State is not TaskState.Succeeded);
            await log.EndedAsync(context.TaskId, context.Attempt, node, unexpected ? WitnessedAttempt.Stopped : WitnessedAttempt.Succeeded);
            return unexpected
                ? throw new TaskFailedException("collect", $"expected {count} succeeded children, got {string.Join(", ", children.Select(c => c.TaskId + "=" + c.State))}")
                : JsonSerializer.SerializeToElement(children.Count);
        }

        context.FanOut(
            Enumerable.Range(0, count).Select(i => new TaskSpec
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                Type = WitnessExecutor.Type,
                Payload = WitnessExecutor.Payload(ms, cleanupMs: 0),
            }),
            reduce: true);
        await log.EndedAsync(context.TaskId, context.Attempt, node, FannedOut);
        return null;
    }
}
