namespace Scheduler.Actors;

/// <summary>
/// A supervisor strategy whose Restart and Stop apply to every child: for siblings that only make sense together.
/// Resume still applies to the failed child alone.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with no restart limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider) { }

    /// <summary>Creates the strategy with a restart limit: at most <paramref name="maxNrOfRetries"/> within <paramref name="withinTimeRange"/>.</summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    private protected override bool RequestRestartPermission(ActorCell supervisor, ActorCell.ChildEntry failed, TimeSpan now)
    {
        var allowed = true;
        foreach (var child in supervisor.ChildEntries)
        {
            if (!child.IsStopping)
            {
                allowed &= RequestRestartPermission(child, now);
            }
        }

        return allowed;
    }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, ActorCell.ChildEntry failed, Exception cause)
    {
        foreach (var child in supervisor.ChildEntries.ToArray())
        {
            if (child.IsStopping)
            {
                continue;
            }

            if (restart)
            {
                child.Restart(cause, suspendFirst: !child.Ref.Equals(failed.Ref));
            }
            else
            {
                child.Stop(supervisor);
            }
        }
    }
}
