using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn;

/// <summary>Fields the built-in types' payloads share; a bad value throws <see cref="TaskPayloadException"/> naming the type and field.</summary>
internal static class PayloadFields
{
    /// <summary>The codes listed under <paramref name="field"/> (empty when it is absent), each a <paramref name="what"/> within [min, max].</summary>
    public static List<int> Codes(JsonElement json, string type, string field, string what, int min, int max)
    {
        var codes = new List<int>();
        if (!json.TryGetProperty(field, out var values))
        {
            return codes;
        }

        if (values.ValueKind is not JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw new TaskPayloadException(type + ": '" + field + "' must be a non-empty list of " + what + "s");
        }

        foreach (var value in values.EnumerateArray())
        {
            codes.Add(value.ValueKind is JsonValueKind.Number && value.TryGetInt32(out var code) && code >= min && code <= max
                ? code
                : throw new TaskPayloadException(type + ": '" + field + "' holds " + value.GetRawText() + ", not a " + what + " (" + min + " to " + max + ")"));
        }

        return codes;
    }

    /// <summary>The byte count under <paramref name="field"/>, or <paramref name="fallback"/> when it is absent; 0 to <paramref name="limit"/>.</summary>
    public static int Cap(JsonElement json, string type, string field, int fallback, int limit)
    {
        if (!json.TryGetProperty(field, out var value))
        {
            return fallback;
        }

        return value.ValueKind is JsonValueKind.Number && value.TryGetInt32(out var cap) && cap >= 0 && cap <= limit
            ? cap
            : throw new TaskPayloadException(type + ": '" + field + "' must be between 0 and " + limit);
    }
}
