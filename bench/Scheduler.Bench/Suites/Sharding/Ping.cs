using Scheduler.Actors.Serialization;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>A request to one entity; it carries the entity id itself, so no envelope is needed.</summary>
internal sealed record Ping(string EntityId)
{
    public static void Register(SerializationRegistry registry)
    {
        registry.Register<Ping>("bench.sharding.ping");
        registry.Register<Pong>("bench.sharding.pong");
    }
}
