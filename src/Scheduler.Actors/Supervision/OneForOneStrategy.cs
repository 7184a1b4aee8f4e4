namespace Scheduler.Actors;

/// <summary>A supervisor strategy whose decision applies only to the child that failed.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with no restart limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider) { }

    /// <summary>Creates the strategy with a restart limit: at most <paramref name="maxNrOfRetries"/> within <paramref name="withinTimeRange"/>.</summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    private protected override bool RequestRestartPermission(ActorCell supervisor, ActorCell.ChildEntry failed, TimeSpan now) =>
        RequestRestartPermission(failed, now);

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, ActorCell.ChildEntry failed, Exception cause)
    {
        if (restart)
        {
            failed.Restart(cause, suspendFirst: false);
        }
        else
        {
            failed.Stop(supervisor);
        }
    }
}
