using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Cluster.Gossip;

/// <summary>Writes a vector clock as an object of node keys to versions.</summary>
internal sealed class VectorClockJsonConverter : JsonConverter<VectorClock>
{
    public override VectorClock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var versions = JsonSerializer.Deserialize<Dictionary<string, long>>(ref reader, options)
            ?? throw new JsonException("A vector clock is an object, not null.");
        if (versions.Values.Any(version => version <= 0))
        {
            throw new JsonException("A vector clock holds positive versions only.");
        }

        return VectorClock.From(versions);
    }

    public override void Write(Utf8JsonWriter writer, VectorClock value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Versions, options);
    }
}
