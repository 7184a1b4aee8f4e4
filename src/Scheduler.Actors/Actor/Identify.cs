namespace Scheduler.Actors;

/// <summary>Handled by every actor: it replies with <see cref="ActorIdentity"/>.</summary>
/// <param name="MessageId">Returned in the reply, to match replies with requests.</param>
public sealed record Identify(object? MessageId);
