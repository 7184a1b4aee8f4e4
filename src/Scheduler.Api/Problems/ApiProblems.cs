using Microsoft.AspNetCore.Http;
using Scheduler.Client.Problems;
using Scheduler.Engine.Model;

namespace Scheduler.Api.Problems;

/// <summary>
/// Every error the API answers, as RFC 9457 problem details: a status, a title per kind of problem, a detail that
/// names what was wrong, and for invalid input an <c>errors</c> member mapping each field (a JSON path such as
/// <c>retry.maxAttempts</c>) to its messages. The problems themselves are the client's <see cref="StandardProblems"/>,
/// so the in-cluster client throws what the API answers.
/// </summary>
internal static class ApiProblems
{
    public static IResult Of(ApiProblem problem) => problem.Errors is { } errors
        ? TypedResults.ValidationProblem(errors, problem.Detail, title: problem.Title)
        : TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title,
            extensions: problem.Extensions?.ToDictionary(member => member.Key, member => (object?)member.Value, StringComparer.Ordinal));

    public static IResult Invalid(IReadOnlyList<ValidationError> errors, string what) => Of(StandardProblems.Invalid(errors, what));

    public static IResult Invalid(string field, string message, string what) => Invalid([new ValidationError(field, message)], what);

    public static IResult NotFound(string what) => Of(StandardProblems.NotFound(what));

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static IResult Unavailable(string detail) => Of(StandardProblems.Unavailable(detail));
}
