namespace Scheduler.Engine.Tasks;

/// <summary>Why an attempt failed: a kind (an exception type name, <c>exit-code</c>, <c>timeout</c>...) that retry policies match, and a message for people.</summary>
public sealed record TaskError(string Kind, string Message);
