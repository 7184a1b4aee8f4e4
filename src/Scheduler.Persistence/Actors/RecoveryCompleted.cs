namespace Scheduler.Persistence;

/// <summary>Given to the recovery handlers last, once the snapshot and every event have been applied.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted() { }

    /// <summary>The only instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}
