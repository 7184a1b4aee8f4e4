using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Actors.Serialization;

/// <summary>Writes an <see cref="Address"/> as its text (<c>sched.tcp://sys@host:port</c>) and parses it back.</summary>
internal sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An address is written as a string, not as {reader.TokenType}.");
        }

        return Parse(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }

    /// <summary>An address as a dictionary key (stats keyed by node), in the same text form.</summary>
    public override Address ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Address value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value.ToString());
    }

    private static Address Parse(string text)
    {
        if (!ActorPath.TryParse(text, out var path, out var error) || path.Depth != 0)
        {
            throw new JsonException($"'{text}' is not an address: {(path is null ? error : "it names an actor")}.");
        }

        return path.Address;
    }
}
