namespace Scheduler.Actors.Serialization;

/// <summary>Turns one registered message type into bytes and back. The type always comes from the registry, never from input.</summary>
public interface IMessageSerializer
{
    /// <summary>Writes <paramref name="message"/>.</summary>
    byte[] Serialize(object message);

    /// <summary>Reads a message of the registered <paramref name="type"/>.</summary>
    object Deserialize(ReadOnlySpan<byte> payload, Type type);
}
