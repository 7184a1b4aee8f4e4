using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Cluster.Singleton;

/// <summary>What singleton managers on different members say to each other; every message has a registered manifest.</summary>
internal abstract record SingletonMessage
{
    /// <summary>The new oldest asks the previous one to stop its singleton and say when it has.</summary>
    public sealed record HandOverToMe(Address From) : SingletonMessage;

    /// <summary>The previous oldest's singleton has stopped: the new oldest may start its own.</summary>
    public sealed record HandOverDone(Address From) : SingletonMessage;

    /// <summary>Registers every singleton message.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<HandOverToMe>("cluster.singleton.hand-over-to-me");
        registry.Register<HandOverDone>("cluster.singleton.hand-over-done");
    }
}
