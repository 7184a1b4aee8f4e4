using Scheduler.Actors;

namespace Scheduler.Remote.Endpoints;

/// <summary>What waits in an association's queue; serialization happens when the writer takes it.</summary>
internal abstract record Outbound
{
    /// <summary>A user message for one actor.</summary>
    public sealed record Message(string Recipient, object Payload, IActorRef? Sender) : Outbound;

    /// <summary>A user message for a selection below the peer's root.</summary>
    public sealed record Selection(string Anchor, string Elements, object Payload, IActorRef? Sender) : Outbound;

    /// <summary>Write the system messages not yet written on this connection; <paramref name="All"/> writes every unacknowledged one again.</summary>
    public sealed record SystemMessages(bool All) : Outbound;

    /// <summary>A heartbeat of remote death watch.</summary>
    public sealed record Heartbeat : Outbound
    {
        public static readonly Heartbeat Instance = new();
    }
}
