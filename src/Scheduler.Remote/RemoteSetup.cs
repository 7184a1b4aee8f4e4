using Scheduler.Actors;
using Scheduler.Remote.Endpoints;

namespace Scheduler.Remote;

/// <summary>Turns remoting on in an actor system's setup.</summary>
public static class RemoteSetup
{
    /// <summary>
    /// The setup with remoting: the system binds <c>scheduler.remote.hostname</c>:<c>port</c> as it is created,
    /// with <paramref name="settings"/> or, when null, the settings read from the system's configuration.
    /// </summary>
    public static ActorSystemSetup WithRemoting(this ActorSystemSetup setup, RemoteSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return setup with
        {
            RemoteProvider = system => new RemoteActorRefProvider(system, settings ?? RemoteSettings.Read(system.Configuration)),
        };
    }
}
