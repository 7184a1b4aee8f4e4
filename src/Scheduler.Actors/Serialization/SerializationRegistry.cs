using System.Collections.Concurrent;

namespace Scheduler.Actors.Serialization;

/// <summary>
/// The only way a message becomes bytes or comes back from them. Each type that is stored or sent is bound in code
/// to a stable manifest (a short name that outlives renames of the class), and reading resolves the manifest
/// through this table alone: no type is ever loaded by a name found in input. Exact types only: a subclass needs
/// its own registration, so nothing unexpected is deserialized through a base type.
/// </summary>
public sealed class SerializationRegistry
{
    private readonly ConcurrentDictionary<Type, Binding> _byType = new();
    private readonly ConcurrentDictionary<string, Binding> _byManifest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The system that owns this registry; refs inside messages are read through it.</summary>
    internal ActorSystem? System { get; set; }

    /// <summary>Binds <typeparamref name="T"/> to <paramref name="manifest"/>, with JSON unless another serializer is given.</summary>
    public void Register<T>(string manifest, IMessageSerializer? serializer = null) => Register(typeof(T), manifest, serializer);

    /// <summary>Binds <paramref name="type"/> to <paramref name="manifest"/>; a manifest or type bound twice is an error.</summary>
    public void Register(Type type, string manifest, IMessageSerializer? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ValidateManifest(manifest);
        var binding = new Binding(type, manifest, serializer ?? JsonMessageSerializer.Default);
        lock (_gate)
        {
            if (_byManifest.TryGetValue(manifest, out var existing))
            {
                throw new SerializationException(
                    $"Manifest '{manifest}' is already bound to {existing.Type.FullName}; it cannot also name {type.FullName}.");
            }

            if (_byType.TryGetValue(type, out var other))
            {
                throw new SerializationException($"{type.FullName} is already bound to manifest '{other.Manifest}'.");
            }

            _byType[type] = binding;
            _byManifest[manifest] = binding;
        }
    }

    /// <summary>The manifest bound to <paramref name="type"/>, if any.</summary>
    public bool TryGetManifest(Type type, out string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_byType.TryGetValue(type, out var binding))
        {
            manifest = binding.Manifest;
            return true;
        }

        manifest = string.Empty;
        return false;
    }

    /// <summary>Serializes a message of a registered type.</summary>
    public SerializedMessage Serialize(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        if (!_byType.TryGetValue(type, out var binding))
        {
            throw new SerializationException(
                $"{type.FullName} has no registered manifest, so it cannot be stored or sent; register it with Serialization.Register<{type.Name}>(\"a-stable-name\").");
        }

        try
        {
            using var scope = SerializationScope.Enter(System);
            return new SerializedMessage(binding.Manifest, binding.Serializer.Serialize(message));
        }
        catch (Exception exception) when (exception is not SerializationException)
        {
            throw new SerializationException($"Serializing {type.FullName} (manifest '{binding.Manifest}') failed: {exception.Message}", exception);
        }
    }

    /// <summary>Reads a message; an unknown manifest or malformed payload raises <see cref="SerializationException"/>.</summary>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_byManifest.TryGetValue(manifest, out var binding))
        {
            throw new SerializationException($"No message type is registered for manifest '{Printable(manifest)}'.");
        }

        try
        {
            using var scope = SerializationScope.Enter(System);
            return binding.Serializer.Deserialize(payload, binding.Type);
        }
        catch (Exception exception) when (exception is not SerializationException)
        {
            throw new SerializationException(
                $"The payload for manifest '{manifest}' ({binding.Type.Name}) is malformed: {exception.Message}", exception);
        }
    }

    private static void ValidateManifest(string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Length is 0 or > 200 || manifest.Any(static c => c is < '!' or > '~'))
        {
            throw new SerializationException(
                $"Manifest '{Printable(manifest)}' is invalid: use 1 to 200 visible ASCII characters without spaces.");
        }
    }

    private static string Printable(string text) =>
        text.Length > 80 ? string.Concat(text.AsSpan(0, 80), "...") : text;

    private sealed record Binding(Type Type, string Manifest, IMessageSerializer Serializer);
}
