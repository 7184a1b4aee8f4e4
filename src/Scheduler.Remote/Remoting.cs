using Scheduler.Actors;
using Scheduler.Remote.Endpoints;

namespace Scheduler.Remote;

/// <summary>
/// Remoting for an actor system: refs, selections, asks and death watch reach actors on other nodes over TCP.
/// Turn it on when creating the system: <c>ActorSystem.Create("name", new ActorSystemSetup().WithRemoting())</c>.
/// </summary>
public sealed class Remoting
{
    /// <summary>The protocol of addresses reached over remoting.</summary>
    public const string Protocol = "sched.tcp";

    private readonly RemoteActorRefProvider _provider;

    private Remoting(RemoteActorRefProvider provider) => _provider = provider;

    /// <summary>The address this node listens at (with the port actually bound).</summary>
    public Address Address => _provider.Address;

    /// <summary>This incarnation's unique id; a restarted node has another.</summary>
    public long Uid => _provider.Uid;

    /// <summary>The transport behind this facade.</summary>
    internal RemoteActorRefProvider Provider => _provider;

    /// <summary>The settings in force.</summary>
    public RemoteSettings Settings => _provider.Settings;

    /// <summary>Remoting of <paramref name="system"/>; fails when the system was created without it.</summary>
    public static Remoting Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var provider = system.Provider as RemoteActorRefProvider ?? throw new InvalidOperationException(
            $"The actor system '{system.Name}' was created without remoting; create it with new ActorSystemSetup().WithRemoting().");
        return system.GetOrAddExtension(_ => new Remoting(provider));
    }

    /// <summary>
    /// Never talks to incarnation <paramref name="uid"/> of <paramref name="node"/> again: its connection is
    /// dropped, watchers of its actors receive Terminated, and its handshakes are refused.
    /// </summary>
    public void Quarantine(Address node, long uid, string reason)
    {
        ArgumentNullException.ThrowIfNull(node);
        _provider.Quarantine(node, uid, reason);
    }

    /// <summary>The incarnation of <paramref name="node"/> at the last handshake, or null before any.</summary>
    public long? PeerUid(Address node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _provider.ExistingAssociation(node) is { PeerUid: not 0 } association ? association.PeerUid : null;
    }
}
