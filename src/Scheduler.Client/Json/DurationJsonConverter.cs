using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Configuration;

namespace Scheduler.Client.Json;

/// <summary>
/// Durations in the API: read as <c>"00:00:30"</c> (what .NET writes) or as a number with a unit, <c>"30s"</c>,
/// <c>"500ms"</c>, <c>"5m"</c>, <c>"2h"</c>, <c>"1d"</c> (what people type); written in the first form.
/// </summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected a duration as a string, such as \"30s\" or \"00:00:30\"");
        }

        var text = reader.GetString()!;
        return TryParse(text, out var duration)
            ? duration
            : throw new JsonException("'" + text + "' is " + Expected);
    }

    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Expected = "not a duration: use a number with a unit (\"500ms\", \"30s\", \"5m\", \"2h\", \"1d\") or \"hh:mm:ss\"";

    /// <summary>Reads <c>"00:00:30"</c> or a number with a unit; a bare number is refused.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration))
        {
            return true;
        }

        // A bare number means milliseconds in HOCON; in a request it is more likely a mistake, so a unit is required.
        return text.Length > 0 && !char.IsDigit(text[^1]) && HoconDuration.TryParse(text, out duration) && duration != Timeout.InfiniteTimeSpan;
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
}
