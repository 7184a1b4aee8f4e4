using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Client.Json;
using Scheduler.Client.Problems;

namespace Scheduler.Client.Http;

/// <summary>
/// Reads an answer: its body as the type asked for, or, when it is not a success, the exception for its problem. The API answers every error with
/// problem details; anything else (a proxy's error page) becomes a problem with the status and the start of the body.
/// </summary>
internal static class AnswerReader
{
    private const int MaxDetail = 300;

    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var problem = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        throw ProblemExceptions.Of(problem, response.Headers.RetryAfter?.Delta);
    }

    private static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType is { } media && media.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                if (JsonSerializer.Deserialize<ApiProblem>(text, ApiJson.Tolerant) is { } problem)
                {
                    return problem with { Status = problem.Status ?? status };
                }
            }
            catch (JsonException)
            {
                // Not problem details after all: described below from the raw text.
            }
        }

        return new ApiProblem
        {
            Status = status,
            Title = response.ReasonPhrase ?? "The request failed",
            Detail = text.Length > MaxDetail ? text[..MaxDetail] + "..." : text.Length > 0 ? text : null,
        };
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Tolerant, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("the answer to " + response.RequestMessage?.RequestUri + " was empty; expected " + typeof(T).Name);
    }
}
