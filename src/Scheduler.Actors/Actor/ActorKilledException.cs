namespace Scheduler.Actors;

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
