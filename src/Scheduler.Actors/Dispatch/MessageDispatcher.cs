namespace Scheduler.Actors;

/// <summary>Runs mailboxes on threads. Each actor names its dispatcher in its <see cref="Props"/>.</summary>
internal abstract class MessageDispatcher(string id, int throughput)
{
    public string Id { get; } = id;

    /// <summary>How many user messages one run of a mailbox may handle before it gives up its thread.</summary>
    public int Throughput { get; } = throughput;

    /// <param name="mailbox">The mailbox to run.</param>
    /// <param name="fromPost">A post woke it (see <see cref="Mailbox.TrySchedule"/>).</param>
    public abstract void Dispatch(Mailbox mailbox, bool fromPost);

    /// <summary>Called when an actor that uses this dispatcher has stopped.</summary>
    public virtual void Detach(Mailbox mailbox) { }
}
