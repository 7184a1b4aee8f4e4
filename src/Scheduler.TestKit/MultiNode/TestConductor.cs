using Scheduler.TestKit.MultiNode.Conductor;

namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// Fault injection between the roles of a multi-node spec, carried out by the conductor: blackholes, pass-through
/// and throttles on the link between two roles (applied in the roles' transports, over the real sockets), and
/// process actions: exit, kill -9, SIGSTOP and SIGCONT. Any role may ask; each call returns once it is in force.
/// </summary>
public sealed class TestConductor
{
    private readonly ConductorClient _client;
    private readonly IReadOnlyList<RoleName> _roles;

    internal TestConductor(ConductorClient client, IReadOnlyList<RoleName> roles)
    {
        _client = client;
        _roles = roles;
    }

    /// <summary>Drops the traffic between <paramref name="from"/> and <paramref name="to"/> in <paramref name="direction"/> (seen from <paramref name="from"/>).</summary>
    public Task BlackholeAsync(RoleName from, RoleName to, Direction direction) =>
        _client.CommandAsync(CommandKind.Blackhole, Known(from), Known(to), direction, 0, 0);

    /// <summary>Lets the traffic in <paramref name="direction"/> through again, lifting blackholes and throttles.</summary>
    public Task PassThroughAsync(RoleName from, RoleName to, Direction direction) =>
        _client.CommandAsync(CommandKind.PassThrough, Known(from), Known(to), direction, 0, 0);

    /// <summary>Slows the traffic in <paramref name="direction"/> to <paramref name="bytesPerSecond"/>.</summary>
    public Task ThrottleAsync(RoleName from, RoleName to, Direction direction, long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        return _client.CommandAsync(CommandKind.Throttle, Known(from), Known(to), direction, bytesPerSecond, 0);
    }

    /// <summary>Makes <paramref name="role"/> terminate its system and exit with <paramref name="exitCode"/>.</summary>
    public Task ExitAsync(RoleName role, int exitCode = 0) =>
        _client.CommandAsync(CommandKind.Exit, Known(role), null, Direction.Both, 0, exitCode);

    /// <summary>Kills <paramref name="role"/>'s process (SIGKILL): no shutdown, no goodbye.</summary>
    public Task KillAsync(RoleName role) =>
        _client.CommandAsync(CommandKind.Kill, Known(role), null, Direction.Both, 0, 0);

    /// <summary>Freezes <paramref name="role"/>'s process (SIGSTOP): its sockets stay open and fall silent. It takes no part in barriers until resumed.</summary>
    public Task SuspendAsync(RoleName role) =>
        _client.CommandAsync(CommandKind.Suspend, Known(role), null, Direction.Both, 0, 0);

    /// <summary>Lets a frozen <paramref name="role"/> carry on (SIGCONT).</summary>
    public Task ResumeAsync(RoleName role) =>
        _client.CommandAsync(CommandKind.Resume, Known(role), null, Direction.Both, 0, 0);

    private RoleName Known(RoleName role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return _roles.Contains(role) ? role : throw new ArgumentException($"The role '{role}' is not declared by this spec.", nameof(role));
    }
}
