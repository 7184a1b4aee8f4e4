using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Remote.Serialization;

/// <summary>
/// The kernel's own messages that may cross the wire: Identify and its answer, PoisonPill, Kill, and the two
/// Status replies. Their loosely typed fields are narrowed on purpose: a message id is a string, a whole number or
/// a GUID; a Status.Success value is any registered message (nested with its own manifest); a failure travels as
/// its type name and message only.
/// </summary>
internal sealed class KernelMessageSerializer(SerializationRegistry registry) : IMessageSerializer
{
    public static void RegisterAll(SerializationRegistry registry)
    {
        var serializer = new KernelMessageSerializer(registry);
        Register<Identify>(registry, "sched.identify", serializer);
        Register<ActorIdentity>(registry, "sched.actor-identity", serializer);
        Register<PoisonPill>(registry, "sched.poison-pill", serializer);
        Register<Kill>(registry, "sched.kill", serializer);
        Register<Status.Success>(registry, "sched.status-success", serializer);
        Register<Status.Failure>(registry, "sched.status-failure", serializer);
        Register<string>(registry, "sched.string", serializer);
        Register<int>(registry, "sched.int", serializer);
        Register<long>(registry, "sched.long", serializer);
    }

    public byte[] Serialize(object message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (message)
            {
                case Identify identify:
                    WriteId(writer, identify.MessageId);
                    break;
                case ActorIdentity identity:
                    WriteId(writer, identity.MessageId);
                    writer.WriteString("subject", identity.Subject?.Path.ToSerializationFormat());
                    break;
                case PoisonPill or Kill:
                    break;
                case Status.Success success:
                    if (success.Value is not null)
                    {
                        var nested = registry.Serialize(success.Value);
                        writer.WriteString("manifest", nested.Manifest);
                        writer.WriteBase64String("payload", nested.Payload.Span);
                    }

                    break;
                case Status.Failure failure:
                    writer.WriteString("type", failure.Cause.GetType().FullName);
                    writer.WriteString("message", failure.Cause.Message);
                    break;
                case string text:
                    writer.WriteString("value", text);
                    break;
                case int number:
                    writer.WriteNumber("value", number);
                    break;
                case long number:
                    writer.WriteNumber("value", number);
                    break;
                default:
                    throw new SerializationException($"{message.GetType().Name} is not one of the kernel's wire messages.");
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public object Deserialize(ReadOnlySpan<byte> payload, Type type)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        if (type == typeof(Identify))
        {
            return new Identify(ReadId(root));
        }

        if (type == typeof(ActorIdentity))
        {
            var subject = root.TryGetProperty("subject", out var path) && path.ValueKind == JsonValueKind.String
                ? Resolve(path.GetString()!)
                : null;
            return new ActorIdentity(ReadId(root), subject);
        }

        if (type == typeof(PoisonPill))
        {
            return PoisonPill.Instance;
        }

        if (type == typeof(Kill))
        {
            return Kill.Instance;
        }

        if (type == typeof(Status.Success))
        {
            return root.TryGetProperty("manifest", out var manifest)
                ? new Status.Success(registry.Deserialize(manifest.GetString()!, root.GetProperty("payload").GetBytesFromBase64()))
                : new Status.Success(null);
        }

        if (type == typeof(Status.Failure))
        {
            return new Status.Failure(new RemoteFailureException(root.GetProperty("type").GetString()!, root.GetProperty("message").GetString()!));
        }

        if (type == typeof(string))
        {
            return root.GetProperty("value").GetString()!;
        }

        if (type == typeof(int))
        {
            return root.GetProperty("value").GetInt32();
        }

        return type == typeof(long)
            ? root.GetProperty("value").GetInt64()
            : throw new SerializationException($"{type.Name} is not one of the kernel's wire messages.");
    }

    private static void Register<T>(SerializationRegistry registry, string manifest, IMessageSerializer serializer)
    {
        // A user who registered one of these already keeps theirs.
        if (!registry.TryGetManifest(typeof(T), out _))
        {
            registry.Register<T>(manifest, serializer);
        }
    }

    private static void WriteId(Utf8JsonWriter writer, object? id)
    {
        switch (id)
        {
            case null:
                break;
            case string text:
                writer.WriteString("id", text);
                break;
            case int number:
                writer.WriteNumber("idInt", number);
                break;
            case long number:
                writer.WriteNumber("idLong", number);
                break;
            case Guid guid:
                writer.WriteString("idGuid", guid);
                break;
            default:
                throw new SerializationException($"An Identify message id sent to another node is a string, int, long or Guid, not {id.GetType().Name}.");
        }
    }

    private static object? ReadId(JsonElement root) =>
        root.TryGetProperty("id", out var text) ? text.GetString()
        : root.TryGetProperty("idInt", out var number) ? number.GetInt32()
        : root.TryGetProperty("idLong", out var big) ? big.GetInt64()
        : root.TryGetProperty("idGuid", out var guid) ? guid.GetGuid()
        : null;

    private static IActorRef Resolve(string path) =>
        SerializationScope.Current?.ResolveActorRef(path) ?? throw new SerializationException("An actor identity can only be read through an actor system.");
}
