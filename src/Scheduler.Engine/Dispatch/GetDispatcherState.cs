using Scheduler.Actors.Serialization;

namespace Scheduler.Engine.Dispatch;

/// <summary>Asks a node's dispatcher what it sees (answered with <see cref="DispatcherState"/>): for the API's workers view.</summary>
public sealed record GetDispatcherState
{
    /// <summary>The one instance.</summary>
    public static GetDispatcherState Instance { get; } = new();

    /// <summary>Registers the query and its answer with their manifests.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<GetDispatcherState>("engine.dispatcher.get-state");
        registry.Register<DispatcherState>("engine.dispatcher.state");
    }
}
