namespace Scheduler.Actors.Serialization;

/// <summary>
/// The actor system whose registry is reading or writing on this thread. A serializer meets actor refs deep inside
/// a message and needs a system to turn a path back into a ref; serializers are shared and stateless, so the system
/// travels here for the length of one call, as Akka's serialization does with its current transport.
/// </summary>
internal static class SerializationScope
{
    [ThreadStatic]
    private static ActorSystem? t_current;

    /// <summary>The system of the innermost call on this thread, if any.</summary>
    public static ActorSystem? Current => t_current;

    /// <summary>Makes <paramref name="system"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(ActorSystem? system)
    {
        var previous = t_current;
        t_current = system;
        return new Scope(previous);
    }

    /// <summary>Restores the system that was current before.</summary>
    public readonly struct Scope(ActorSystem? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
