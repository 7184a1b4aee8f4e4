using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Actors;
using Scheduler.Api.Problems;
using Scheduler.Client.Problems;
using Scheduler.Hosting;

namespace Scheduler.Api.Http;

/// <summary>
/// Answers 503 with a reason, instead of failing, while the node is starting (or failed to start) and when an entity
/// did not answer in time (its shard is moving, its node is unreachable). Both are worth a retry; the client's
/// request changed nothing it can tell, and a retried submit with the same id finds the same task.
/// </summary>
internal sealed class NodeAvailabilityFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var node = context.HttpContext.RequestServices.GetRequiredService<SchedulerNode>();
        if (!node.Started.IsCompletedSuccessfully)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return ApiProblems.Unavailable(node.Started.IsFaulted
                ? "the node failed to start: " + node.Started.Exception!.GetBaseException().Message
                : "the node is starting; try again shortly");
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (AskTimeoutException timeout)
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiProblems.Of(StandardProblems.AskTimedOut(timeout.Message));
        }
    }
}
