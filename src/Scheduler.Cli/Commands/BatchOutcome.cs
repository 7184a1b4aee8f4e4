using System.Text.Json.Serialization;
using Scheduler.Client.Problems;
using Scheduler.Engine.Tasks;

namespace Scheduler.Cli.Commands;

/// <summary>What became of one task of a batch: where it was in the file, and the task, or the problem that refused it.</summary>
/// <param name="Where">Its place in the file (<c>line 3</c>, <c>item 2</c>).</param>
/// <param name="Id">The task's id (absent when it had none and was refused).</param>
/// <param name="Created">True when this submit created it, false when it existed; absent when refused.</param>
/// <param name="State">Its state after the submit.</param>
/// <param name="Error">Why it was refused.</param>
internal sealed record BatchOutcome(string Where, string? Id, bool? Created, TaskState? State, ApiProblem? Error)
{
    [JsonIgnore]
    public Exception? Failure { get; init; }
}
