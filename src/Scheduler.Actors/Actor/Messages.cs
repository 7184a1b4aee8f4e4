namespace Scheduler.Actors;

/// <summary>
/// Marks messages that must not reset an actor's receive timeout (timer ticks, for example).
/// </summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Handled by every actor: it stops after the messages already in its mailbox.</summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();
}

/// <summary>Handled by every actor: it throws <see cref="ActorKilledException"/>, so its supervisor decides.</summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();
}

/// <summary>Sent to an actor when no message arrived within its receive timeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The only instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}

/// <summary>
/// Delivered exactly once to an actor that watches <paramref name="ActorRef"/> when that actor has stopped.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) when watched.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);

/// <summary>Handled by every actor: it replies with <see cref="ActorIdentity"/>.</summary>
/// <param name="MessageId">Returned in the reply, to match replies with requests.</param>
public sealed record Identify(object? MessageId);

/// <summary>The reply to <see cref="Identify"/>; <paramref name="Subject"/> is null when no actor was found.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>Replies that carry an outcome, as in Akka: <c>Ask</c> turns a <see cref="Failure"/> into an exception.</summary>
public static class Status
{
    /// <summary>The operation succeeded.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}

/// <summary>Published on the event stream when an actor did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
