using Microsoft.AspNetCore.Http;
using Scheduler.Engine.Model;

namespace Scheduler.Api.Problems;

/// <summary>
/// Every error the API answers, as RFC 9457 problem details: a status, a title per kind of problem, a detail that
/// names what was wrong, and for invalid input an <c>errors</c> member mapping each field (a JSON path such as
/// <c>retry.maxAttempts</c>) to its messages.
/// </summary>
internal static class ApiProblems
{
    public static IResult Invalid(IReadOnlyList<ValidationError> errors, string what)
    {
        var byField = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(byField, detail: what + ": " + string.Join("; ", errors), title: "The request is invalid");
    }

    public static IResult Invalid(string field, string message, string what) => Invalid([new ValidationError(field, message)], what);

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static IResult Conflict(string detail, string current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The command does not apply in the current state", detail: detail,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["current"] = current });

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static IResult Unavailable(string detail) =>
        Status(StatusCodes.Status503ServiceUnavailable, "The scheduler did not answer", detail);
}
