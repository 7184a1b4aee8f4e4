namespace Scheduler.Actors;

/// <summary>
/// Raised when an actor does not handle the <see cref="Terminated"/> of an actor it watches: watching without
/// handling is a pact to die together. The default decider stops the actor.
/// </summary>
public sealed class DeathPactException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public DeathPactException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeathPactException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeathPactException(string message, Exception innerException) : base(message, innerException) { }

    internal DeathPactException(IActorRef deadActor)
        : base($"Monitored actor {deadActor.Path} terminated and its Terminated message was not handled.") =>
        DeadActor = deadActor;

    /// <summary>The watched actor whose termination was not handled.</summary>
    public IActorRef? DeadActor { get; }
}
