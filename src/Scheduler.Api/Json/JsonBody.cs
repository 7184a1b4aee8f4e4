using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scheduler.Api.Problems;
using Scheduler.Client.Json;

namespace Scheduler.Api.Json;

/// <summary>
/// Reads a request body as a given type, turning each way a body can be wrong (not JSON, the wrong
/// shape, an unknown field, too large, not sent as JSON) into a problem that says which.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string what)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON",
                what + " is sent as application/json; the request's content type is '" + (request.ContentType ?? "none") + "'"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null
                ? (null, ApiProblems.Invalid("$", "the body is null; expected " + what, "The body is not " + what))
                : (value, null);
        }
        catch (JsonException error)
        {
            var field = Field(error.Path);
            return (null, ApiProblems.Invalid(field, Reason(error), "The body is not " + what));
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large", error.Message));
        }
    }

    // "$.retry.maxAttempts" -> "retry.maxAttempts"; the root stays "$".
    private static string Field(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // System.Text.Json appends " Path: ... | LineNumber: ..." to its messages; the field already says where.
    private static string Reason(JsonException error)
    {
        var message = error.InnerException is JsonException inner ? inner.Message : error.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message;
        var line = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (line >= 0 ? message[..line] : message).TrimEnd();
    }
}
