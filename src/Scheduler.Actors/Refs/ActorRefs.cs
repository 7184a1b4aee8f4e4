namespace Scheduler.Actors;

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>The sender to pass when there is none; replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender;
}
