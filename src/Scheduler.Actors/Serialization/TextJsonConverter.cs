using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Actors.Serialization;

/// <summary>
/// A converter for a value written as its text (<see cref="object.ToString"/>), both as a value and as a dictionary
/// key; a subclass says how to parse the text back.
/// </summary>
internal abstract class TextJsonConverter<T> : JsonConverter<T>
    where T : class
{
    /// <summary>What the value is, for messages ("An address").</summary>
    protected abstract string Kind { get; }

    /// <summary>The value <paramref name="text"/> names; throws <see cref="JsonException"/> when it names none.</summary>
    protected abstract T Parse(string text);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Parse(reader.GetString()!)
            : throw new JsonException($"{Kind} is written as a string, not as {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WritePropertyName(value.ToString()!);
    }
}
