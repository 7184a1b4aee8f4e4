using Microsoft.AspNetCore.Http;

namespace Scheduler.Api.Problems;

/// <summary>
/// Gives the problems ASP.NET Core writes itself (no route, wrong method, a body that is not JSON) the detail that
/// says what was wrong, as the API's own problems do.
/// </summary>
internal static class FrameworkProblems
{
    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => "there is no endpoint at " + request.Path + " (the OpenAPI document at /openapi/v1.json lists them)",
            StatusCodes.Status405MethodNotAllowed => request.Method + " is not allowed on " + request.Path,
            StatusCodes.Status415UnsupportedMediaType => "this endpoint takes application/json; the request's content type is '" + (request.ContentType ?? "none") + "'",
            StatusCodes.Status413PayloadTooLarge => "the request body is larger than scheduler.api.max-request-size",
            StatusCodes.Status500InternalServerError => "the node failed while answering; its log has the details",
            _ => null,
        };
    }
}
