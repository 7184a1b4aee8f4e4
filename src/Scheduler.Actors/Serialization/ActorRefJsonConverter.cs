using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Actors.Serialization;

/// <summary>
/// Writes an actor ref as its full path with incarnation (<c>sched.tcp://sys@host:port/user/a#12</c>) and reads it
/// back through the system doing the reading, which yields a local ref, a remote ref, or a ref whose messages
/// become dead letters when the actor is gone. The path is all that crosses: never a type name.
/// </summary>
internal sealed class ActorRefJsonConverter : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An actor ref is written as a path string, not as {reader.TokenType}.");
        }

        var text = reader.GetString()!;
        var system = SerializationScope.Current ?? throw new JsonException(
            $"The actor ref '{text}' can only be read through an actor system's Serialization registry.");
        if (!ActorPath.TryParse(text, out var path, out var error))
        {
            throw new JsonException($"'{text}' is not an actor path: {error}.");
        }

        return system.Resolve(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Path.ToSerializationFormat());
    }
}
