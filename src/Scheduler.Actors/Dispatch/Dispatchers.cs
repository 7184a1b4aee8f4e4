namespace Scheduler.Actors;

/// <summary>Finds the dispatcher and mailbox an actor's props name, with errors that name the missing id.</summary>
internal sealed class Dispatchers(ActorSystemSettings settings)
{
    private readonly Dictionary<string, ThreadPoolDispatcher> _shared = [];

    public MessageDispatcher Lookup(string id)
    {
        if (!settings.Dispatchers.TryGetValue(id, out var dispatcher))
        {
            throw new ConfigurationException(
                $"No dispatcher '{id}' is configured; define it under scheduler.actor.dispatchers (known: {string.Join(", ", settings.Dispatchers.Keys)}).");
        }

        if (dispatcher.IsPinned)
        {
            return new PinnedDispatcher(id, dispatcher.Throughput);
        }

        lock (_shared)
        {
            if (!_shared.TryGetValue(id, out var shared))
            {
                shared = new ThreadPoolDispatcher(id, dispatcher.Throughput);
                _shared[id] = shared;
            }

            return shared;
        }
    }

    public int MailboxCapacity(string id) =>
        settings.Mailboxes.TryGetValue(id, out var mailbox)
            ? mailbox.Capacity
            : throw new ConfigurationException(
                $"No mailbox '{id}' is configured; define it under scheduler.actor.mailboxes (known: {string.Join(", ", settings.Mailboxes.Keys)}).");
}
