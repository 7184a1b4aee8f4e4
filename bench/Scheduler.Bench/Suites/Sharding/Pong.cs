namespace Scheduler.Bench.Suites.Sharding;

/// <summary>An entity's answer to a <see cref="Ping"/>.</summary>
internal sealed record Pong
{
    public static Pong Instance { get; } = new();
}
