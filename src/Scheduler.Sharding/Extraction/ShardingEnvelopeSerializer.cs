using System.Text.Json;
using Scheduler.Actors.Serialization;

namespace Scheduler.Sharding.Extraction;

/// <summary>
/// Writes a <see cref="ShardingEnvelope"/> as its entity id and its payload serialized through the registry (the
/// payload's own manifest and bytes), so the payload is read back as its registered type and nothing else.
/// </summary>
internal sealed class ShardingEnvelopeSerializer(SerializationRegistry registry) : IMessageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public byte[] Serialize(object message)
    {
        var envelope = (ShardingEnvelope)message;
        var payload = registry.Serialize(envelope.Message);
        return JsonSerializer.SerializeToUtf8Bytes(new Wire(envelope.EntityId, payload.Manifest, payload.Payload.ToArray()), Options);
    }

    public object Deserialize(ReadOnlySpan<byte> payload, Type type)
    {
        var wire = JsonSerializer.Deserialize<Wire>(payload, Options)
            ?? throw new SerializationException("A sharding envelope is the JSON literal null.");
        if (string.IsNullOrEmpty(wire.EntityId) || string.IsNullOrEmpty(wire.Manifest) || wire.Payload is null)
        {
            throw new SerializationException("A sharding envelope lacks its entity id, its payload's manifest or its payload.");
        }

        return new ShardingEnvelope(wire.EntityId, registry.Deserialize(wire.Manifest, wire.Payload));
    }

    private sealed record Wire(string EntityId, string Manifest, byte[] Payload);
}
