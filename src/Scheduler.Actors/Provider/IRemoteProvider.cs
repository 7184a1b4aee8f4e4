namespace Scheduler.Actors;

/// <summary>
/// What remoting adds to a system, seen from the kernel. The kernel knows nothing of sockets: it asks the provider
/// for the address its actors live at (known once the transport is bound, before the first path is made), for refs
/// to actors in other systems, and to run selections there.
/// </summary>
internal interface IRemoteProvider
{
    /// <summary>The address the transport is bound to; every local path carries it.</summary>
    Address Address { get; }

    /// <summary>Called once the guardians exist, so the provider can start its own system actors.</summary>
    void Start(ActorSystem system);

    /// <summary>A ref to the actor at <paramref name="path"/>, whose address is another system's.</summary>
    InternalActorRef ResolveRemote(ActorPath path);
}
