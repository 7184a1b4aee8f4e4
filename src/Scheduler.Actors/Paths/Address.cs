namespace Scheduler.Actors;

/// <summary>
/// Where an actor system lives: a protocol, the system's name and, once remoting is in use, a host and port.
/// A local address has no host or port. Two addresses are equal when every part is equal.
/// </summary>
public sealed record Address
{
    /// <summary>The protocol of an address that needs no transport.</summary>
    public const string LocalProtocol = "sched";

    /// <summary>Creates an address.</summary>
    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        if ((host is null) != (port is null))
        {
            throw new ArgumentException("An address has both a host and a port, or neither.", nameof(host));
        }

        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A port lies between 0 and 65535.");
        }

        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    /// <summary>The protocol, such as <c>sched</c> or <c>sched.tcp</c>.</summary>
    public string Protocol { get; }

    /// <summary>The actor system's name.</summary>
    public string System { get; }

    /// <summary>The host, or null for a local address.</summary>
    public string? Host { get; }

    /// <summary>The port, or null for a local address.</summary>
    public int? Port { get; }

    /// <summary>True when the address carries a host and port.</summary>
    public bool HasGlobalScope => Host is not null;

    /// <summary>The address of a system that is reached without a transport.</summary>
    public static Address Local(string system) => new(LocalProtocol, system);

    /// <inheritdoc />
    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";
}
