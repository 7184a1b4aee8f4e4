using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Client.Problems;

/// <summary>
/// An error answer of the REST API: RFC 9457 problem details. For invalid input <see cref="Errors"/> maps each field
/// (a JSON path such as <c>retry.maxAttempts</c>, or a query parameter) to what is wrong with it; other members the
/// server adds (<c>current</c> for a conflict, <c>traceId</c>) are in <see cref="Extensions"/>.
/// </summary>
public sealed record ApiProblem
{
    /// <summary>A URI naming the kind of problem.</summary>
    public string? Type { get; init; }

    /// <summary>A short summary of the kind of problem.</summary>
    public string? Title { get; init; }

    /// <summary>The HTTP status.</summary>
    public int? Status { get; init; }

    /// <summary>What went wrong with this request.</summary>
    public string? Detail { get; init; }

    /// <summary>The request the problem is about.</summary>
    public string? Instance { get; init; }

    /// <summary>For invalid input: the messages per field.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Any other member of the problem.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>The status, title and detail in one line, as an exception's message.</summary>
    public override string ToString()
    {
        var head = (Status is { } status ? status + " " : "") + (Title ?? "The request failed");
        return Detail is { Length: > 0 } detail ? head + ": " + detail : head;
    }
}
