namespace Scheduler.Actors;

/// <summary>When a backoff supervisor starts its child again.</summary>
public enum BackoffMode
{
    /// <summary>After the child fails (throws); a child that stops by itself stops the supervisor too.</summary>
    OnFailure,

    /// <summary>After the child stops for any reason (a failure under the default strategy restarts it in place).</summary>
    OnStop,
}
