using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Actors;

namespace Scheduler.Cluster.Members;

/// <summary>Writes a unique address as <c>address#uid</c>, also as a dictionary key.</summary>
internal sealed class UniqueAddressJsonConverter : JsonConverter<UniqueAddress>
{
    public override UniqueAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()!) : throw new JsonException($"A unique address is a string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, UniqueAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }

    public override UniqueAddress ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, UniqueAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value.ToString());
    }

    private static UniqueAddress Parse(string text)
    {
        var hash = text.LastIndexOf('#');
        if (hash < 0
            || !long.TryParse(text.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var uid)
            || !ActorPath.TryParse(text[..hash], out var path, out _)
            || path.Depth != 0
            || !path.Address.HasGlobalScope)
        {
            throw new JsonException($"'{text}' is not a unique address (address#uid).");
        }

        return new UniqueAddress(path.Address, uid);
    }
}
