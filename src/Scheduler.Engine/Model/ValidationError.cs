namespace Scheduler.Engine.Model;

/// <summary>One thing wrong with a request: the field (as a JSON path such as <c>retry.maxAttempts</c>) and what is wrong with it.</summary>
public sealed record ValidationError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field + ": " + Message;
}
