namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// One attempt as the code that ran it recorded it, on the database server's clock: when it began, and when and how
/// it ended (null while it runs, or when its process died first).
/// </summary>
public sealed record WitnessedAttempt(string TaskId, int Attempt, string Node, DateTime Began, DateTime? Ended, string? Outcome)
{
    public const string Succeeded = "succeeded";
    public const string Stopped = "stopped";
}
