using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
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
        ScheduleReply.NotFound missing => ApiProblems.NotFound("there is no schedule '" + missing.ScheduleId + "'"),
        ScheduleReply.InvalidTransition wrong => ApiProblems.Conflict(wrong.Message, Http.QueryReader.Name(wrong.Current)),
        ScheduleReply.Invalid invalid => ApiProblems.Invalid(invalid.Errors, "The schedule request is invalid"),
        _ => throw new InvalidOperationException("unknown schedule reply " + reply.GetType().Name),
    };
}
