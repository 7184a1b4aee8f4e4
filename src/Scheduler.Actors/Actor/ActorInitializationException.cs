namespace Scheduler.Actors;

/// <summary>
/// An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw. The supervisor sees this exception with the
/// original one as <see cref="Exception.InnerException"/>; the default decider stops such an actor.
/// </summary>
public sealed class ActorInitializationException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorInitializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorInitializationException(string message, Exception innerException) : base(message, innerException) { }

    internal ActorInitializationException(IActorRef actor, string message, Exception innerException)
        : base(message, innerException) => Actor = actor;

    /// <summary>The actor that failed to start, when known.</summary>
    public IActorRef? Actor { get; }
}
