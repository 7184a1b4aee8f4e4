using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Engine.Tasks;

namespace Scheduler.Api.Tasks;

/// <summary>How a <see cref="TaskReply"/> becomes an HTTP answer.</summary>
internal static class TaskResults
{
    public static IResult Of(TaskReply reply, bool createdIsNew = false) => reply switch
    {
        TaskReply.Accepted { Created: true } accepted when createdIsNew => TypedResults.Created("/api/tasks/" + accepted.Task.Id, accepted.Task),
        TaskReply.Accepted accepted => TypedResults.Ok(accepted.Task),
        TaskReply.NotFound missing => ApiProblems.NotFound("there is no task '" + missing.TaskId + "'"),
        TaskReply.InvalidTransition wrong => ApiProblems.Conflict(wrong.Message, Http.QueryReader.Name(wrong.Current)),
        TaskReply.Invalid invalid => ApiProblems.Invalid(invalid.Errors, "The task request is invalid"),
        _ => throw new InvalidOperationException("unknown task reply " + reply.GetType().Name),
    };
}
