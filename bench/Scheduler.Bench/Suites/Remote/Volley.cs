using Scheduler.Actors.Serialization;

namespace Scheduler.Bench.Suites.Remote;

/// <summary>The message both processes throw back and forth: about 100 bytes once serialized.</summary>
internal sealed record Volley(long SentAt, string Body)
{
    public const string Manifest = "bench.volley";

    /// <summary>A body that brings the JSON to about 100 bytes.</summary>
    public static readonly string Filler = new('v', 70);

    public static void Register(SerializationRegistry registry) => registry.Register<Volley>(Manifest);
}
