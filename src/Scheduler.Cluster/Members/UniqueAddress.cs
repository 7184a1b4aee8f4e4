using Scheduler.Actors;

namespace Scheduler.Cluster.Members;

/// <summary>
/// A node's address together with the incarnation id its remoting drew at start: a node that restarts at the same
/// address is another member.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(UniqueAddressJsonConverter))]
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    /// <inheritdoc/>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byAddress = AddressOrdering.Instance.Compare(Address, other.Address);
        return byAddress != 0 ? byAddress : Uid.CompareTo(other.Uid);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Address}#{Uid}";

    /// <summary>Orders by address.</summary>
    public static bool operator <(UniqueAddress? left, UniqueAddress? right) => Compare(left, right) < 0;

    /// <summary>Orders by address.</summary>
    public static bool operator <=(UniqueAddress? left, UniqueAddress? right) => Compare(left, right) <= 0;

    /// <summary>Orders by address.</summary>
    public static bool operator >(UniqueAddress? left, UniqueAddress? right) => Compare(left, right) > 0;

    /// <summary>Orders by address.</summary>
    public static bool operator >=(UniqueAddress? left, UniqueAddress? right) => Compare(left, right) >= 0;

    private static int Compare(UniqueAddress? left, UniqueAddress? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
