using Scheduler.Actors;

namespace Scheduler.Sharding.Internal;

/// <summary>Completes a task when an actor has stopped: how code outside actors waits for one (a shutdown task).</summary>
internal sealed class TerminationWatcher : ReceiveActor
{
    private TerminationWatcher(IActorRef target, TaskCompletionSource stopped)
    {
        Context.Watch(target);
        Receive<Terminated>(_ =>
        {
            stopped.TrySetResult();
            Context.Stop(Self);
        });
    }

    /// <summary>A task that completes once <paramref name="target"/> has stopped (at once if it already has).</summary>
    public static Task WhenTerminated(ActorSystem system, IActorRef target, CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.SystemActorOf(Props.Create(() => new TerminationWatcher(target, stopped)));
        return stopped.Task.WaitAsync(cancellationToken);
    }
}
