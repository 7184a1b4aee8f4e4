namespace Scheduler.Actors;

/// <summary>Why coordinated shutdown runs.</summary>
public sealed record ShutdownReason(string Name)
{
    /// <summary><see cref="ActorSystem.Terminate"/> was called.</summary>
    public static ShutdownReason ActorSystemTerminate { get; } = new("actor-system-terminate");

    /// <summary>The process is exiting.</summary>
    public static ShutdownReason ProcessExit { get; } = new("process-exit");

    /// <summary>The node left the cluster.</summary>
    public static ShutdownReason ClusterLeaving { get; } = new("cluster-leaving");

    /// <summary>The node was downed by the cluster.</summary>
    public static ShutdownReason ClusterDowning { get; } = new("cluster-downing");

    /// <summary>Anything else.</summary>
    public static ShutdownReason Unknown { get; } = new("unknown");
}
