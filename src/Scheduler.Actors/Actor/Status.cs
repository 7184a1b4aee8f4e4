namespace Scheduler.Actors;

/// <summary>Replies that carry an outcome, as in Akka: <c>Ask</c> turns a <see cref="Failure"/> into an exception.</summary>
public static class Status
{
    /// <summary>The operation succeeded.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
