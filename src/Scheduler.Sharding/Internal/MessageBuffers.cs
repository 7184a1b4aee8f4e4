using Scheduler.Actors;

namespace Scheduler.Sharding.Internal;

/// <summary>
/// Messages held per key (a shard whose home is not known yet, an entity that is passivating), in arrival order,
/// with one limit over all keys so a region cannot fill its memory while the coordinator is away.
/// </summary>
internal sealed class MessageBuffers(int capacity)
{
    private readonly Dictionary<string, List<BufferedMessage>> _byKey = new(StringComparer.Ordinal);

    /// <summary>How many messages are held over all keys.</summary>
    public int Count { get; private set; }

    /// <summary>The keys that hold messages.</summary>
    public IReadOnlyCollection<string> Keys => _byKey.Keys;

    /// <summary>Holds a message for <paramref name="key"/>; false (and nothing held) when the limit is reached.</summary>
    public bool TryAdd(string key, object message, IActorRef sender)
    {
        if (Count >= capacity)
        {
            return false;
        }

        if (!_byKey.TryGetValue(key, out var messages))
        {
            _byKey[key] = messages = [];
        }

        messages.Add(new BufferedMessage(message, sender));
        Count++;
        return true;
    }

    /// <summary>Whether messages are held for <paramref name="key"/>.</summary>
    public bool Contains(string key) => _byKey.ContainsKey(key);

    /// <summary>Removes and returns the messages held for <paramref name="key"/>, oldest first.</summary>
    public IReadOnlyList<BufferedMessage> Take(string key)
    {
        if (!_byKey.Remove(key, out var messages))
        {
            return [];
        }

        Count -= messages.Count;
        return messages;
    }
}
