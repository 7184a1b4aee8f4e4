using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// The roles of a multi-node spec and the configuration of each: HOCON shared by all, HOCON per role, message
/// registrations and further setup. Every role's system listens on loopback at a port the OS picks; a spec finds
/// the others' addresses with <see cref="MultiNodeTestKit.Node"/>.
/// </summary>
public sealed class MultiNodeConfig
{
    private readonly List<RoleName> _roles = [];
    private readonly Dictionary<RoleName, string> _roleHocon = [];

    /// <summary>The roles in declaration order.</summary>
    public IReadOnlyList<RoleName> Roles => _roles;

    /// <summary>HOCON every role's system reads (after the defaults, before the role's own).</summary>
    public string CommonHocon { get; set; } = string.Empty;

    /// <summary>Message registrations every role's system makes.</summary>
    public Action<SerializationRegistry>? Serialization { get; set; }

    /// <summary>Further setup of every role's system (remoting is always on).</summary>
    public Func<ActorSystemSetup, ActorSystemSetup>? Setup { get; set; }

    /// <summary>The systems' name (the same on every node, so they can talk); by default the spec's class name.</summary>
    public string? SystemName { get; set; }

    /// <summary>How long the whole run may take before every process is killed and the spec fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a barrier waits for the last role to arrive.</summary>
    public TimeSpan BarrierTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Declares a role.</summary>
    public RoleName Role(string name)
    {
        var role = new RoleName(name);
        if (_roles.Contains(role))
        {
            throw new ArgumentException($"The role '{name}' is declared twice.", nameof(name));
        }

        _roles.Add(role);
        return role;
    }

    /// <summary>HOCON only <paramref name="role"/> reads, over the common configuration.</summary>
    public void NodeConfig(RoleName role, string hocon)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(hocon);
        if (!_roles.Contains(role))
        {
            throw new ArgumentException($"The role '{role}' is not declared.", nameof(role));
        }

        _roleHocon[role] = hocon;
    }

    /// <summary>The HOCON of <paramref name="role"/>: loopback on any port, then the common text, then the role's own.</summary>
    internal string HoconFor(RoleName role) => string.Join(
        '\n',
        "scheduler.remote { hostname = \"127.0.0.1\", port = 0 }",
        CommonHocon,
        _roleHocon.GetValueOrDefault(role, string.Empty));
}
