namespace Scheduler.Sharding;

/// <summary>Asks any region (or proxy) where entity <paramref name="EntityId"/> lives; answered with <see cref="EntityLocation"/>.</summary>
public sealed record GetEntityLocation(string EntityId, TimeSpan Timeout);
