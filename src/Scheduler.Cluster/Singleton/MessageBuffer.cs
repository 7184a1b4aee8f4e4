using Scheduler.Actors;

namespace Scheduler.Cluster.Singleton;

/// <summary>
/// Messages a proxy holds while it does not know where the singleton is. Bounded: when full, the oldest message is
/// dropped to make room, since the newest are the likeliest still to matter.
/// </summary>
internal sealed class MessageBuffer(int capacity)
{
    private readonly Queue<(object Message, IActorRef? Sender)> _queue = new();

    public int Count => _queue.Count;

    /// <summary>Adds a message; returns the one dropped to make room, if any.</summary>
    public (object Message, IActorRef? Sender)? Add(object message, IActorRef? sender)
    {
        (object, IActorRef?)? dropped = null;
        if (capacity == 0)
        {
            return (message, sender);
        }

        if (_queue.Count == capacity)
        {
            dropped = _queue.Dequeue();
        }

        _queue.Enqueue((message, sender));
        return dropped;
    }

    /// <summary>Takes every message out, oldest first.</summary>
    public IReadOnlyList<(object Message, IActorRef? Sender)> Drain()
    {
        var all = _queue.ToList();
        _queue.Clear();
        return all;
    }
}
