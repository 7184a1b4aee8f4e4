using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Api.Json;

/// <summary>
/// The API's JSON: camelCase names, enums as kebab-case strings (<c>"let-finish"</c>, <c>"succeeded"</c>), durations
/// as <see cref="DurationJsonConverter"/> reads them, and no unknown fields: a misspelt field is an error that names
/// it, not a setting silently ignored.
/// </summary>
public static class ApiJson
{
    /// <summary>The options every endpoint reads and writes with; the .NET client uses the same.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

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
}
