using Scheduler.Remote.Wire;

namespace Scheduler.Remote.Delivery;

/// <summary>
/// The sending half of reliable system messages to one peer incarnation: each message gets the next number and
/// stays until an acknowledgement covers it; everything unacknowledged is sent again after a reconnect or on a
/// timer. The receiver delivers only the next number in order, so duplicates are harmless. Pure and not thread-safe:
/// the association guards it.
/// </summary>
internal sealed class SystemMessageBuffer(int capacity, TimeSpan giveUpAfter)
{
    private readonly Queue<PendingSystemMessage> _pending = new();
    private ulong _next = 1;

    /// <summary>Messages not yet acknowledged.</summary>
    public int Count => _pending.Count;

    /// <summary>The highest number acknowledged so far.</summary>
    public ulong Acknowledged { get; private set; }

    /// <summary>The unacknowledged messages in order, to send again.</summary>
    public IEnumerable<Frame.SystemEnvelope> Unacknowledged => _pending.Select(static pending => pending.Frame);

    /// <summary>Numbers a new message; false when the buffer is full, which means the peer must be given up.</summary>
    public bool TryAdd(SystemKind what, string subject, string watcher, bool existenceConfirmed, TimeSpan now, out Frame.SystemEnvelope frame)
    {
        if (_pending.Count >= capacity)
        {
            frame = null!;
            return false;
        }

        frame = new Frame.SystemEnvelope(_next++, what, subject, watcher, existenceConfirmed);
        _pending.Enqueue(new PendingSystemMessage(frame, now));
        return true;
    }

    /// <summary>Drops every message up to <paramref name="sequence"/>; an ack beyond what was sent is ignored.</summary>
    public void Acknowledge(ulong sequence)
    {
        if (sequence >= _next)
        {
            return;
        }

        while (_pending.Count > 0 && _pending.Peek().Frame.Sequence <= sequence)
        {
            _pending.Dequeue();
        }

        Acknowledged = Math.Max(Acknowledged, sequence);
    }

    /// <summary>True when the oldest message has waited longer than the give-up time.</summary>
    public bool IsOverdue(TimeSpan now) => _pending.Count > 0 && now - _pending.Peek().EnqueuedAt > giveUpAfter;

    /// <summary>Forgets everything: the peer incarnation is gone and numbering starts again for the next one.</summary>
    public void Reset()
    {
        _pending.Clear();
        _next = 1;
        Acknowledged = 0;
    }
}
