using System.Text.Json;
using Scheduler.Client.Json;
using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Client.Problems;

/// <summary>
/// The problem each refusal of the scheduler is: the REST API answers with it, and the in-cluster client throws it,
/// so a caller meets the same status, title and detail on either path.
/// </summary>
internal static class StandardProblems
{
    public const string InvalidTaskQuery = "The task query is invalid";

    public const string InvalidScheduleQuery = "The schedule query is invalid";

    public static ApiProblem? Of(TaskReply reply) => reply switch
    {
        TaskReply.Accepted => null,
        TaskReply.NotFound missing => NotFound("there is no task '" + missing.TaskId + "'"),
        TaskReply.InvalidTransition wrong => Conflict(wrong.Message, ApiJson.Name(wrong.Current)),
        TaskReply.Invalid invalid => Invalid(invalid.Errors, "The task request is invalid"),
        _ => throw new InvalidOperationException("unknown task reply " + reply.GetType().Name),
    };

    public static ApiProblem? Of(ScheduleReply reply) => reply switch
    {
        ScheduleReply.Accepted => null,
        ScheduleReply.NotFound missing => NotFound("there is no schedule '" + missing.ScheduleId + "'"),
        ScheduleReply.InvalidTransition wrong => Conflict(wrong.Message, ApiJson.Name(wrong.Current)),
        ScheduleReply.Invalid invalid => Invalid(invalid.Errors, "The schedule request is invalid"),
        _ => throw new InvalidOperationException("unknown schedule reply " + reply.GetType().Name),
    };

    public static ApiProblem Invalid(IReadOnlyList<ValidationError> errors, string what) => new()
    {
        Status = 400,
        Title = "The request is invalid",
        Detail = what + ": " + string.Join("; ", errors),
        Errors = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal),
    };

    public static ApiProblem NotFound(string what) => new() { Status = 404, Title = "Not found", Detail = what };

    public static ApiProblem Conflict(string detail, string current) => new()
    {
        Status = 409,
        Title = "The command does not apply in the current state",
        Detail = detail,
        Extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["current"] = JsonSerializer.SerializeToElement(current) },
    };

    public static ApiProblem Unavailable(string detail) => new() { Status = 503, Title = "The scheduler did not answer", Detail = detail };

    /// <summary>An entity did not answer an ask in time: worth a retry, and nothing the caller can tell has changed.</summary>
    public static ApiProblem AskTimedOut(string reason) => Unavailable("the scheduler did not answer in time (" + reason +
        "); an entity may be moving to another node. Repeat the request: commands are idempotent by task id");
}
