using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Client.Json;

/// <summary>
/// The REST API's JSON: camelCase names, enums as kebab-case strings (<c>"let-finish"</c>, <c>"succeeded"</c>),
/// durations as <c>"00:00:30"</c> or <c>"30s"</c>. The server reads requests strictly (<see cref="Options"/>: a
/// misspelt field is an error that names it, not a setting silently ignored); a client reads answers tolerantly
/// (<see cref="Tolerant"/>), so a newer server that adds a field does not break an older client.
/// </summary>
public static class ApiJson
{
    /// <summary>The options the server reads requests and writes answers with; unknown fields are refused.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The same conventions, but unknown fields are skipped: how clients read the server's answers.</summary>
    public static JsonSerializerOptions Tolerant { get; } = Tolerate(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Applies the API's conventions to <paramref name="options"/> (for ASP.NET Core's own JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new DurationJsonConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    /// <summary>The name an enum value has in the API's JSON and query strings: <c>RetryWaiting</c> is <c>retry-waiting</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions Tolerate(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
