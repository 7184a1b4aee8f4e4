using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn.Http;

/// <summary>
/// The <c>http</c> type: sends the request the payload describes (<see cref="HttpTaskRequest"/>) and judges the status
/// (<see cref="HttpStatusVerdict"/>). The result is <c>{"status": 200, "body": "…", "truncated": false}</c>, with at
/// most <c>maxResponseBytes</c> of the body (decoded as UTF-8). A server that cannot be reached fails the attempt
/// with the retryable kind <c>http-unreachable</c>; cancellation and the task's timeouts stop the request.
/// </summary>
internal sealed class HttpExecutor(HttpClient client) : ITaskExecutor
{
    /// <summary>Retryable: the connection failed.</summary>
    public const string UnreachableKind = "http-unreachable";

    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = HttpTaskRequest.Parse(context.Payload);
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is { } body)
        {
            message.Content = new StringContent(body, Encoding.UTF8, request.BodyIsJson ? "application/json" : "text/plain");
        }

        foreach (var (name, value) in request.Headers)
        {
            if (message.Content is { } content && string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                // Replaces the type the body was given by default (JSON or plain text).
                content.Headers.ContentType = MediaTypeHeaderValue.TryParse(value, out var type)
                    ? type
                    : throw new TaskPayloadException("http: header 'Content-Type' has no valid media type: '" + value + "'");
            }
            else if (!message.Headers.TryAddWithoutValidation(name, value) && !(message.Content?.Headers.TryAddWithoutValidation(name, value) ?? false))
            {
                throw new TaskPayloadException("http: header '" + name + "' cannot be sent");
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new TaskFailedException(UnreachableKind, request.Method + " " + request.Url + " failed: " + exception.Message, exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var stream = await response.Content.ReadAsStreamAsync(context.CancellationToken).ConfigureAwait(false);
            string text;
            bool truncated;
            await using (stream.ConfigureAwait(false))
            {
                (text, truncated) = await CappedText.ReadAsync(stream, request.MaxResponseBytes, drain: false, context.CancellationToken).ConfigureAwait(false);
            }

            if (HttpStatusVerdict.Of(status, request.Expect) is { } kind)
            {
                throw new TaskFailedException(kind, request.Method + " " + request.Url + " answered " + status + (text.Length > 0 ? ": " + CappedText.Snippet(text) : ""));
            }

            return JsonSerializer.SerializeToElement(new HttpResult(status, text, truncated), HttpResultContext.Default.HttpResult);
        }
    }
}
