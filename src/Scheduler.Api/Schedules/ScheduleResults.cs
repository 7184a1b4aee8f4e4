using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Client.Problems;
using Scheduler.Engine.Schedules;

namespace Scheduler.Api.Schedules;

/// <summary>How a <see cref="ScheduleReply"/> becomes an HTTP answer.</summary>
internal static class ScheduleResults
{
    public static IResult Of(ScheduleReply reply, bool createdIsNew = false) => reply switch
    {
        ScheduleReply.Accepted { Created: true } accepted when createdIsNew =>
            TypedResults.Created("/api/schedules/" + accepted.Schedule.Id, accepted.Schedule),
        ScheduleReply.Accepted accepted => TypedResults.Ok(accepted.Schedule),
        _ => ApiProblems.Of(StandardProblems.Of(reply)!),
    };
}
