using Scheduler.Actors;

namespace Scheduler.Cluster.Members;

/// <summary>
/// The order of nodes the cluster agrees on: host, then port (then protocol and system, for completeness). The
/// leader is the first reachable member in it, and an equal split keeps the side holding the first node.
/// </summary>
public sealed class AddressOrdering : IComparer<Address>
{
    private AddressOrdering()
    {
    }

    /// <summary>The one instance.</summary>
    public static AddressOrdering Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(Address? x, Address? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var host = string.CompareOrdinal(x.Host, y.Host);
        if (host != 0)
        {
            return host;
        }

        var port = Nullable.Compare(x.Port, y.Port);
        if (port != 0)
        {
            return port;
        }

        var protocol = string.CompareOrdinal(x.Protocol, y.Protocol);
        return protocol != 0 ? protocol : string.CompareOrdinal(x.System, y.System);
    }
}
