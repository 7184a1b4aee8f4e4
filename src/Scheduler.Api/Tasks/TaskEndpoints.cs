using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scheduler.Api.Http;
using Scheduler.Api.Json;
using Scheduler.Api.Problems;
using Scheduler.Client.Json;
using Scheduler.Client.Problems;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Scheduler.Hosting;

namespace Scheduler.Api.Tasks;

/// <summary>
/// <c>/api/tasks</c>: submit, get, list, pause, resume, cancel, re-run, delete, and watch a task's changes as
/// server-sent events. Every command goes through <see cref="Engine.TaskClient"/>, which checks the request before
/// anything is sent; the task entity decides.
/// </summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("tasks");
        tasks.MapPost("/", SubmitAsync).WithName("submitTask").Accepts<TaskSpec>("application/json")
            .Produces<TaskView>(StatusCodes.Status201Created).Produces<TaskView>().ProducesValidationProblem();
        tasks.MapGet("/", ListAsync).WithName("listTasks").Produces<TaskPage>().ProducesValidationProblem();
        tasks.MapGet("/{id}", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.GetAsync(id, cancel)))
            .WithName("getTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("/{id}/pause", PauseAsync).WithName("pauseTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id}/resume", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.ResumeAsync(id, cancel)))
            .WithName("resumeTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id}/cancel", (string id, string? reason, SchedulerNode node, CancellationToken cancel) =>
                Run(node.Client.CancelAsync(id, reason, cancel)))
            .WithName("cancelTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{id}/rerun", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.RerunAsync(id, cancel)))
            .WithName("rerunTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapDelete("/{id}", (string id, SchedulerNode node, CancellationToken cancel) => Run(node.Client.DeleteAsync(id, cancel)))
            .WithName("deleteTask").Produces<TaskView>().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapGet("/{id}/watch", WatchAsync).WithName("watchTask").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SchedulerNode node, CancellationToken cancel)
    {
        var (spec, problem) = await JsonBody.ReadAsync<TaskSpec>(request, "a task (TaskSpec)").ConfigureAwait(false);
        return problem ?? TaskResults.Of(await node.Client.SubmitAsync(spec!, cancel).ConfigureAwait(false), createdIsNew: true);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, SchedulerNode node, CancellationToken cancel)
    {
        var query = new QueryReader(request.Query);
        var filter = new TaskQuery
        {
            State = query.Enum<TaskState>("state"),
            Type = query.Text("type"),
            Label = query.Pair("label"),
            ParentId = query.Text("parent"),
            ScheduleId = query.Text("schedule"),
            Limit = query.Int("limit", 100),
            After = query.Text("after"),
        };
        return await query.ListAsync(StandardProblems.InvalidTaskQuery, filter.Validate(), () => node.Client.ListAsync(filter, cancel)).ConfigureAwait(false);
    }

    private static async Task<IResult> PauseAsync(string id, HttpRequest request, SchedulerNode node, CancellationToken cancel)
    {
        var query = new QueryReader(request.Query);
        var policy = query.Enum<RunningPausePolicy>("running") ?? RunningPausePolicy.LetFinish;
        return query.Errors.Count > 0
            ? ApiProblems.Invalid(query.Errors, "The pause request is invalid")
            : TaskResults.Of(await node.Client.PauseAsync(id, policy, cancel).ConfigureAwait(false));
    }

    // A stream of "state" events, one per change of the task from its submit on, until it has ended.
    private static async Task<IResult> WatchAsync(string id, SchedulerNode node, CancellationToken cancel)
    {
        var current = await node.Client.GetAsync(id, cancel).ConfigureAwait(false);
        return current is TaskReply.Accepted accepted
            ? TypedResults.ServerSentEvents(Changes(node, id, accepted.Task.UpdatedAt, cancel))
            : TaskResults.Of(current);
    }

    private static async IAsyncEnumerable<SseItem<string>> Changes(SchedulerNode node, string id, DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        await foreach (var view in node.Client.WatchUntilEndedAsync(id, since, cancel).ConfigureAwait(false))
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(view, ApiJson.Options), "state");
        }
    }

    private static async Task<IResult> Run(Task<TaskReply> reply) => TaskResults.Of(await reply.ConfigureAwait(false));
}
