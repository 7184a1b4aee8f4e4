using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// How an actor treats its failing children: a decider maps the exception to a <see cref="Directive"/>, and a
/// restart is allowed at most <see cref="MaxNumberOfRetries"/> times within <see cref="WithinTimeRange"/>
/// (after which the child is stopped). Subclasses choose whether a decision applies to the failed child only
/// (<see cref="OneForOneStrategy"/>) or to all its siblings too (<see cref="AllForOneStrategy"/>).
/// </summary>
public abstract partial class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>
    /// Stops children that failed to start, were killed, or broke a death pact; restarts them for anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with <see cref="DefaultDecider"/> and no restart limit: Akka's default.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops every child that fails.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Restarts allowed per window; negative means unlimited.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window for <see cref="MaxNumberOfRetries"/>; null counts restarts over the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged (at error level; resumes at warning level).</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Applies the decision to the failed child (and, for all-for-one, its siblings).</summary>
    private protected abstract void ProcessFailure(ActorCell supervisor, bool restart, ActorCell.ChildEntry failed, Exception cause);

    /// <summary>Whether the restart budget allows a restart now (all-for-one asks every child).</summary>
    private protected abstract bool RequestRestartPermission(ActorCell supervisor, ActorCell.ChildEntry failed, TimeSpan now);

    private protected bool RequestRestartPermission(ActorCell.ChildEntry child, TimeSpan now) =>
        (child.Statistics ??= new RestartStatistics()).RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, now);

    /// <summary>Decides for a failed child; false means escalate.</summary>
    internal bool HandleFailure(ActorCell supervisor, ActorCell.ChildEntry failed, Exception cause)
    {
        var directive = Decider(cause);
        var log = failed.Ref.Cell.Log;
        switch (directive)
        {
            case Directive.Resume:
                if (LoggingEnabled)
                {
                    SupervisionLog.Resumed(log, failed.Ref.Path, cause.Message, cause);
                }

                failed.Resume(cause);
                return true;
            case Directive.Restart:
                var now = supervisor.System.Now;
                if (RequestRestartPermission(supervisor, failed, now))
                {
                    if (LoggingEnabled)
                    {
                        SupervisionLog.Restarting(log, failed.Ref.Path, cause.Message, cause);
                    }

                    ProcessFailure(supervisor, restart: true, failed, cause);
                }
                else
                {
                    if (LoggingEnabled)
                    {
                        SupervisionLog.RestartLimitReached(log, failed.Ref.Path, MaxNumberOfRetries, cause.Message, cause);
                    }

                    ProcessFailure(supervisor, restart: false, failed, cause);
                }

                return true;
            case Directive.Stop:
                if (LoggingEnabled)
                {
                    SupervisionLog.Stopping(log, failed.Ref.Path, cause.Message, cause);
                }

                ProcessFailure(supervisor, restart: false, failed, cause);
                return true;
            default:
                return false;
        }
    }

    private static partial class SupervisionLog
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "{Path} failed and is resumed: {Reason}")]
        public static partial void Resumed(ILogger logger, ActorPath path, string reason, Exception exception);

        [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "{Path} failed and is restarted: {Reason}")]
        public static partial void Restarting(ILogger logger, ActorPath path, string reason, Exception exception);

        [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "{Path} failed and is stopped after {MaxRetries} restarts: {Reason}")]
        public static partial void RestartLimitReached(ILogger logger, ActorPath path, int maxRetries, string reason, Exception exception);

        [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "{Path} failed and is stopped: {Reason}")]
        public static partial void Stopping(ILogger logger, ActorPath path, string reason, Exception exception);
    }
}
