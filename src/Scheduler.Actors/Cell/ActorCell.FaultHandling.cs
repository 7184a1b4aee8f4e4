using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// Failure, restart and stop, following Akka's fault-handling model: a failing actor suspends itself and its
/// children and tells its parent, whose strategy resumes, restarts, stops or escalates. A restart runs PreRestart on
/// the old instance, waits for the children it stopped, then builds a new instance and runs PostRestart. A stop
/// stops the children first, then runs PostStop, closes the mailbox and tells watchers and the parent.
/// </summary>
internal sealed partial class ActorCell
{
    private object? _failedMessage;
    private Exception? _pendingRecreate;

    private void HandleInvokeFailure(Exception exception)
    {
        if (Mailbox.IsFailed || Mailbox.IsTerminating)
        {
            // Already waiting for a decision or stopping: a second failure changes nothing, but must not vanish.
            ActorCellLog.FailureWhileFailed(Log, SelfRef.Path, exception);
            return;
        }

        Mailbox.IsFailed = true;
        _failedMessage = _currentEnvelope.Message;
        foreach (var child in ChildEntries)
        {
            child.Ref.SendSystemMessage(new SystemMessage.Suspend());
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
            HandleInvokeFailure(failed.Cause);
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

    private void FaultResume()
    {
        if (Mailbox.IsFailed)
        {
            // The supervisor chose Resume for this actor's own failure.
            Mailbox.IsFailed = false;
            _failedMessage = null;
        }
        else if (Mailbox.SuspendCount > 0)
        {
            Mailbox.SuspendCount--;
        }

        foreach (var child in ChildEntries)
        {
            child.Ref.SendSystemMessage(new SystemMessage.Resume());
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (Mailbox.IsTerminating)
        {
            return;
        }

        var failedActor = _actor;
        var failedMessage = _failedMessage;
        _failedMessage = null;
        CancelTaskWait();
        if (failedActor is not null)
        {
            try
            {
                // Akka's stash: messages stashed by the old instance go back in front of the mailbox.
                _stash?.UnstashAll();
                failedActor.InvokePreRestart(cause, failedMessage);
            }
            catch (Exception exception)
            {
                ActorCellLog.PreRestartFailed(Log, SelfRef.Path, exception);
            }
        }

        _timers?.CancelAll();
        _receiveTimeout = null;
        _pendingRecreate = cause;
        if (!HasStoppingChildren)
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreate = null;
        var survivors = ChildEntries.Where(static entry => !entry.IsStopping).ToArray();
        Mailbox.IsFailed = false;
        Mailbox.SuspendCount = 0;
        try
        {
            _actor = NewActor();
            _actor.InvokePostRestart(cause);
            Mailbox.IsWaitingForCreation = false;
            foreach (var survivor in survivors)
            {
                // Children the old instance kept are restarted with it, as in Akka.
                survivor.Restart(cause);
            }
        }
        catch (Exception exception)
        {
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
        _timers?.CancelAll();
        _receiveTimeout = null;
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

        var actor = _actor;
        try
        {
            if (actor is not null)
            {
                _stash?.DropAll();
                actor.InvokePostStop();
            }
        }
        catch (Exception exception)
        {
            ActorCellLog.PostStopFailed(Log, SelfRef.Path, exception);
        }
        finally
        {
            _system.EventStream.Unsubscribe(SelfRef);
            Mailbox.Close();
            TellWatchersWeDied();
            UnwatchWatchedActors();
            ParentRef.SendSystemMessage(new SystemMessage.ChildTerminated(SelfRef));
            Mailbox.Dispatcher.Detach(Mailbox);
            _actor = null;
            _behaviors = null;
            OnTerminated?.Invoke();
        }
    }
}
