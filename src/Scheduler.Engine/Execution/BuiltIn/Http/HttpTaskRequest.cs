using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn.Http;

/// <summary>
/// The payload of an <c>http</c> task, read and checked before anything is sent:
/// <c>{"url": "https://…", "method": "POST", "headers": {"name": "value"}, "body": "text" or any JSON,
/// "expect": [200, 204], "maxResponseBytes": 65536}</c>. Only <c>url</c> is required; the method defaults to GET,
/// success to any 2xx status.
/// </summary>
internal sealed record HttpTaskRequest(
    Uri Url,
    HttpMethod Method,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    bool BodyIsJson,
    IReadOnlyList<int> Expect,
    int MaxResponseBytes)
{
    /// <summary>The most of a response body kept in the result unless the payload asks for less (or more, up to 1 MiB).</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024;

    private const int MaxResponseBytesLimit = 1024 * 1024;

    /// <summary>Reads a payload; an unusable one throws <see cref="TaskPayloadException"/> naming the field.</summary>
    public static HttpTaskRequest Parse(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } json)
        {
            throw new TaskPayloadException("http: the payload must be an object with at least 'url'");
        }

        var url = json.TryGetProperty("url", out var urlValue) && urlValue.ValueKind is JsonValueKind.String
            && Uri.TryCreate(urlValue.GetString(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new TaskPayloadException("http: 'url' must be an absolute http or https URL");

        var method = HttpMethod.Get;
        if (json.TryGetProperty("method", out var methodValue))
        {
            method = methodValue.ValueKind is JsonValueKind.String && methodValue.GetString() is { Length: > 0 } name && name.All(char.IsAsciiLetter)
                ? new HttpMethod(name.ToUpperInvariant())
                : throw new TaskPayloadException("http: 'method' must be a method name such as GET or POST");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (json.TryGetProperty("headers", out var headerValues))
        {
            if (headerValues.ValueKind is not JsonValueKind.Object)
            {
                throw new TaskPayloadException("http: 'headers' must be an object of names and string values");
            }

            foreach (var header in headerValues.EnumerateObject())
            {
                headers.Add(header.Value.ValueKind is JsonValueKind.String
                    ? new(header.Name, header.Value.GetString()!)
                    : throw new TaskPayloadException("http: header '" + header.Name + "' must have a string value"));
            }
        }

        string? body = null;
        var bodyIsJson = false;
        if (json.TryGetProperty("body", out var bodyValue) && bodyValue.ValueKind is not JsonValueKind.Null)
        {
            bodyIsJson = bodyValue.ValueKind is not JsonValueKind.String;
            body = bodyIsJson ? bodyValue.GetRawText() : bodyValue.GetString();
        }

        var expect = PayloadFields.Codes(json, "http", "expect", "status code", 100, 599);
        var maxResponseBytes = PayloadFields.Cap(json, "http", "maxResponseBytes", DefaultMaxResponseBytes, MaxResponseBytesLimit);

        return new HttpTaskRequest(url, method, headers, body, bodyIsJson, expect, maxResponseBytes);
    }
}
