using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// The parent of the root guardian: stops the root if it fails, and learns when it has stopped, which is the
/// moment the system has terminated.
/// </summary>
internal sealed class RootSupervisor(ActorSystem system, ActorPath path, Action onRootStopped) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override ActorSystem System { get; } = system;

    public override InternalActorRef? Parent => null;

    public override void Tell(object message, IActorRef? sender) => System.DeadLetters.Tell(message, sender);

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case SystemMessage.Failed failed:
                System.Log.LogError(failed.Cause, "The root guardian failed; the actor system stops");
                failed.Child.Stop();
                break;
            case SystemMessage.ChildTerminated:
                onRootStopped();
                break;
        }
    }
}
