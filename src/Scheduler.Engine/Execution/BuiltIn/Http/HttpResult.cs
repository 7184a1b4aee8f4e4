using System.Text.Json.Serialization;

namespace Scheduler.Engine.Execution.BuiltIn.Http;

/// <summary>The result of a successful <c>http</c> attempt.</summary>
internal sealed record HttpResult(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("truncated")] bool Truncated);
