namespace Scheduler.Actors;

/// <summary>Base of the exceptions the runtime raises about actors.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A name given to <c>ActorOf</c> is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public InvalidActorNameException() { }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    public InvalidActorNameException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidActorNameException(string message, Exception innerException) : base(message, innerException) { }
}

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

/// <summary>Raised inside an actor that received <see cref="Kill"/>; the default decider stops it.</summary>
public sealed class ActorKilledException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException() : base("Kill") { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorKilledException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorKilledException(string message, Exception innerException) : base(message, innerException) { }
}

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

/// <summary>An <c>Ask</c> received no reply in time.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public AskTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AskTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>An actor selection matched no actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    /// <summary>Creates the exception.</summary>
    public ActorNotFoundException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
