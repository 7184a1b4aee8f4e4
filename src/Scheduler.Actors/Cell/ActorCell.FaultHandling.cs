using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// Failure, restart and stop, following Akka's fault-handling model.
/// <list type="bullet">
/// <item>A failing actor counts one suspension, marks itself failed, suspends its children (except a child whose
/// failure it is escalating, which is suspended already) and tells its parent.</item>
/// <item>The parent's strategy resumes, restarts, stops or escalates. A Resume that answers the failure clears it and
/// undoes its suspension; the children get a plain Resume, the escalating child the one that clears its failure.</item>
/// <item>A restart runs PreRestart on the old instance, waits for the children it stopped, builds a new instance,
/// runs PostRestart and undoes exactly one suspension (the failure's, or the one all-for-one put on a healthy
/// sibling first). Children the old instance kept are restarted too.</item>
/// <item>A stop stops the children first, then runs PostStop, closes the mailbox and tells the parent and watchers.</item>
/// </list>
/// </summary>
internal sealed partial class ActorCell
{

    private void HandleInvokeFailure(Exception exception, IActorRef? escalatingChild = null)
    {
        if (escalatingChild is not null)
        {
            (Perpetrators ??= []).Add(escalatingChild);
        }

        if (Mailbox.IsFailed || Mailbox.IsTerminating)
        {
            // Already waiting for a decision or stopping: the decision that comes covers this failure too.
            ActorCellLog.FailureWhileFailed(Log, SelfRef.Path, exception);
            return;
        }

        Mailbox.IsFailed = true;
        Mailbox.SuspendCount++;
        FailedMessage = _currentEnvelope.Message;
        foreach (var child in ChildEntries)
        {
            if (!child.Ref.Equals(escalatingChild))
            {
                child.Ref.SendSystemMessage(new SystemMessage.Suspend());
            }
        }

        ParentRef.SendSystemMessage(new SystemMessage.Failed(SelfRef, exception, SelfRef.Path.Uid));
    }

    private void HandleFailed(SystemMessage.Failed failed)
    {
        var entry = FindChild(failed.Child);
        if (entry is null || entry.IsStopping)
        {
            // A failure from an incarnation that is gone or on its way out needs no decision.
            return;
        }

        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategy() ?? SupervisorStrategy.Default;
        if (!strategy.HandleFailure(this, entry, failed.Cause))
        {
            // Escalate: fail as if this actor had thrown the child's exception itself.
            HandleInvokeFailure(failed.Cause, failed.Child);
        }
    }

    private void FaultSuspend()
    {
        Mailbox.SuspendCount++;
        foreach (var child in ChildEntries)
        {
            child.Ref.SendSystemMessage(new SystemMessage.Suspend());
        }
    }

    private void FaultResume(SystemMessage.Resume resume)
    {
        var cause = resume.CausedByFailure;
        if (cause is not null && (_actor is null || Mailbox.IsWaitingForCreation))
        {
            // Resuming an actor that never started (or failed to restart) means starting it afresh.
            FaultRecreate(cause);
            return;
        }

        if (Mailbox.SuspendCount > 0)
        {
            Mailbox.SuspendCount--;
        }

        var perpetrators = Perpetrators;
        if (cause is not null)
        {
            Mailbox.IsFailed = false;
            FailedMessage = null;
            Perpetrators = null;
        }

        foreach (var child in ChildEntries)
        {
            var escalated = cause is not null && perpetrators is not null && perpetrators.Contains(child.Ref);
            child.Ref.SendSystemMessage(new SystemMessage.Resume(escalated ? cause : null));
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (Mailbox.IsTerminating)
        {
            return;
        }

        var failedActor = _actor;
        var failedMessage = FailedMessage;
        FailedMessage = null;
        Perpetrators = null;
        CancelTaskWait();
        if (failedActor is not null)
        {
            try
            {
                // Akka's stash: messages stashed by the old instance go back in front of the mailbox.
                StashState?.UnstashAll();
                failedActor.InvokePreRestart(cause, failedMessage);
            }
            catch (Exception exception)
            {
                ActorCellLog.PreRestartFailed(Log, SelfRef.Path, exception);
            }
        }

        _actor = null;
        TimersState?.CancelAll();
        ReceiveTimeoutSetting = null;
        PendingRecreate = cause;
        if (!HasStoppingChildren)
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        PendingRecreate = null;
        var survivors = ChildEntries.Where(static entry => !entry.IsStopping).ToArray();
        Mailbox.IsFailed = false;
        if (Mailbox.SuspendCount > 0)
        {
            Mailbox.SuspendCount--;
        }

        try
        {
            _actor = NewActor();
            _actor.InvokePostRestart(cause);
            Mailbox.IsWaitingForCreation = false;
            foreach (var survivor in survivors)
            {
                // Children the old instance kept are restarted with it, as in Akka.
                survivor.Restart(cause, suspendFirst: false);
            }
        }
        catch (Exception exception)
        {
            _actor = null;
            Mailbox.IsWaitingForCreation = true;
            HandleInvokeFailure(new ActorInitializationException(SelfRef, $"{SelfRef.Path} failed to restart: {exception.Message}", exception));
        }
    }

    private void Terminate()
    {
        if (Mailbox.IsTerminating)
        {
            return;
        }

        Mailbox.IsTerminating = true;
        _stopping = true;
        Thread.MemoryBarrier(); // pairs with NewChild: either it sees _stopping or StopAllChildren sees the child.
        CancelTaskWait();
        TimersState?.CancelAll();
        ReceiveTimeoutSetting = null;
        StopAllChildren();
        if (!HasChildren)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        if (Mailbox.IsClosed)
        {
            return;
        }

        if (_actor is not null)
        {
            Guard(static cell =>
            {
                cell.StashState?.DropAll();
                cell._actor!.InvokePostStop();
            });
        }

        // Each step on its own: a failure in one must not keep the parent or the watchers waiting forever. The steps
        // are static lambdas given the cell, so that stopping an actor (thousands a second) allocates no delegates.
        Guard(static cell =>
        {
            if (cell._subscribedToEvents)
            {
                cell._system.EventStream.Unsubscribe(cell.SelfRef);
            }
        });
        Guard(static cell => cell.Mailbox.Close());
        Guard(static cell => cell.TellWatchersWeDied());
        Guard(static cell => cell.UnwatchWatchedActors());
        ParentRef.SendSystemMessage(new SystemMessage.ChildTerminated(SelfRef));
        Guard(static cell => cell.Mailbox.Dispatcher.Detach(cell.Mailbox));
        _actor = null;
        _behaviors = null;
        Guard(static cell => cell.OnTerminated?.Invoke());
    }

    private void Guard(Action<ActorCell> step)
    {
        try
        {
            step(this);
        }
        catch (Exception exception)
        {
            ActorCellLog.PostStopFailed(Log, SelfRef.Path, exception);
        }
    }
}
