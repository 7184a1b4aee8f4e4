namespace Scheduler.Actors;

/// <summary>Sent to an actor when no message arrived within its receive timeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The only instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}
