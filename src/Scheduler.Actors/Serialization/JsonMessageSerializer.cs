using System.Text.Json;

namespace Scheduler.Actors.Serialization;

/// <summary>
/// The default serializer: System.Text.Json with web defaults (camelCase). Unknown JSON properties are ignored and
/// missing ones take their defaults, so adding a field to a message record keeps old bytes readable. Actor refs
/// inside a message are written as paths and read back through the system doing the reading.
/// </summary>
public sealed class JsonMessageSerializer : IMessageSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer with web defaults.</summary>
    public JsonMessageSerializer()
        : this(new JsonSerializerOptions(JsonSerializerDefaults.Web)) { }

    /// <summary>Creates the serializer with the given options.</summary>
    public JsonMessageSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new JsonSerializerOptions(options);
        _options.Converters.Add(new ActorRefJsonConverter());
        _options.Converters.Add(new AddressJsonConverter());
    }

    /// <summary>A shared instance with web defaults.</summary>
    public static JsonMessageSerializer Default { get; } = new();

    /// <inheritdoc />
    public byte[] Serialize(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), _options);
    }

    /// <inheritdoc />
    public object Deserialize(ReadOnlySpan<byte> payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, _options) ?? throw new JsonException("The payload is the JSON literal null.");
}
