using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scheduler.Api.Http;
using Scheduler.Api.Json;
using Scheduler.Api.Problems;
using Scheduler.Client.Problems;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Hosting;

namespace Scheduler.Api.Schedules;

/// <summary><c>/api/schedules</c>: create, get, list, pause, resume and delete recurring schedules.</summary>
internal static class ScheduleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("schedules");
        schedules.MapPost("/", CreateAsync).WithName("createSchedule").Accepts<ScheduleSpec>("application/json")
            .Produces<ScheduleView>(StatusCodes.Status201Created).Produces<ScheduleView>().ProducesValidationProblem();
        schedules.MapGet("/", ListAsync).WithName("listSchedules").Produces<SchedulePage>().ProducesValidationProblem();
        schedules.MapGet("/{id}", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.GetScheduleAsync(id, cancel)))
            .WithName("getSchedule").Produces<ScheduleView>().ProducesProblem(StatusCodes.Status404NotFound);
        schedules.MapPost("/{id}/pause", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.PauseScheduleAsync(id, cancel)))
            .WithName("pauseSchedule").Produces<ScheduleView>().ProducesProblem(StatusCodes.Status409Conflict);
        schedules.MapPost("/{id}/resume", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.ResumeScheduleAsync(id, cancel)))
            .WithName("resumeSchedule").Produces<ScheduleView>().ProducesProblem(StatusCodes.Status409Conflict);
        schedules.MapDelete("/{id}", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.DeleteScheduleAsync(id, cancel)))
            .WithName("deleteSchedule").Produces<ScheduleView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SchedulerNode node, CancellationToken cancel)
    {
        var (spec, problem) = await JsonBody.ReadAsync<ScheduleSpec>(request, "a schedule (ScheduleSpec)").ConfigureAwait(false);
        return problem ?? ScheduleResults.Of(await node.Client.CreateScheduleAsync(spec!, cancel).ConfigureAwait(false), createdIsNew: true);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, SchedulerNode node, CancellationToken cancel)
    {
        var query = new QueryReader(request.Query);
        var filter = new ScheduleQuery
        {
            Status = query.Enum<ScheduleStatus>("status"),
            Limit = query.Int("limit", 100),
            After = query.Text("after"),
        };
        return await query.ListAsync(StandardProblems.InvalidScheduleQuery, filter.Validate(), () => node.Client.ListSchedulesAsync(filter, cancel)).ConfigureAwait(false);
    }

    private static async Task<IResult> Run(Task<ScheduleReply> reply) => ScheduleResults.Of(await reply.ConfigureAwait(false));
}
