using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Client.Problems;
using Scheduler.Engine.Tasks;

namespace Scheduler.Api.Tasks;

/// <summary>How a <see cref="TaskReply"/> becomes an HTTP answer.</summary>
internal static class TaskResults
{
    public static IResult Of(TaskReply reply, bool createdIsNew = false) => reply switch
    {
        TaskReply.Accepted { Created: true } accepted when createdIsNew => TypedResults.Created("/api/tasks/" + accepted.Task.Id, accepted.Task),
        TaskReply.Accepted accepted => TypedResults.Ok(accepted.Task),
        _ => ApiProblems.Of(StandardProblems.Of(reply)!),
    };
}
