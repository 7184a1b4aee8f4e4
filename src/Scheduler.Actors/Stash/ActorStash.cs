namespace Scheduler.Actors;

/// <summary>The stash of one cell; it lives as long as the cell, across restarts.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];
    private long _lastStashedDelivery = -1;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var envelope = cell.CurrentEnvelope;
        if (envelope.Message is null)
        {
            throw new InvalidOperationException("Stash() is only valid while the actor handles a message.");
        }

        if (_lastStashedDelivery == cell.DeliveryStamp)
        {
            throw new InvalidOperationException($"The message {envelope.Message.GetType().Name} is already stashed; a delivery is stashed at most once.");
        }

        _lastStashedDelivery = cell.DeliveryStamp;
        _stashed.Add(envelope);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        cell.Mailbox.Prepend(_stashed.ToArray());
        _stashed.Clear();
    }

    public void UnstashAll(Func<object, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matching = _stashed.Where(envelope => predicate(envelope.Message)).ToArray();
        _stashed.RemoveAll(envelope => predicate(envelope.Message));
        cell.Mailbox.Prepend(matching);
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(static envelope => envelope.Message).ToArray();
        _stashed.Clear();
        return messages;
    }

    /// <summary>On stop: what was stashed goes to dead letters.</summary>
    public void DropAll()
    {
        foreach (var envelope in _stashed)
        {
            cell.SendToDeadLetters(envelope);
        }

        _stashed.Clear();
    }
}
