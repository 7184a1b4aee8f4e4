using System.Collections.Immutable;

namespace Scheduler.Cluster.Members;

/// <summary>
/// A node of the cluster: its unique address, status, roles, and the order in which it became Up
/// (<see cref="UpNumber"/>: the lower, the older). Two members are the same member when their unique addresses
/// are equal; they are ordered by address.
/// </summary>
public sealed record Member(UniqueAddress UniqueAddress, MemberStatus Status, ImmutableHashSet<string> Roles, int UpNumber) : IComparable<Member>
{
    /// <summary>The member's address.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Actors.Address Address => UniqueAddress.Address;

    /// <summary>Whether it has <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Whether it became Up before <paramref name="other"/> (ties, which the leader never makes, go by address).</summary>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return UpNumber == other.UpNumber ? CompareTo(other) < 0 : UpNumber < other.UpNumber;
    }

    /// <summary>The same member with another status.</summary>
    public Member With(MemberStatus status) => this with { Status = status };

    /// <inheritdoc/>
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Member? other) => other is null ? 1 : UniqueAddress.CompareTo(other.UniqueAddress);

    /// <inheritdoc/>
    public override string ToString() => $"Member({UniqueAddress}, {Status}{(Roles.IsEmpty ? string.Empty : ", roles " + string.Join('/', Roles.Order(StringComparer.Ordinal)))})";

    /// <summary>
    /// Of two views of the same member, the one further along its life (Removed over Down over Exiting over
    /// Leaving over Up over WeaklyUp over Joining): what gossip merging keeps.
    /// </summary>
    public static Member Furthest(Member a, Member b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (ra, rb) = (Rank(a.Status), Rank(b.Status));
        if (ra != rb)
        {
            return ra > rb ? a : b;
        }

        // Same status: the up number assigned by the leader wins over none (0).
        return a.UpNumber >= b.UpNumber ? a : b;
    }

    private static int Rank(MemberStatus status) => status switch
    {
        MemberStatus.Joining => 0,
        MemberStatus.WeaklyUp => 1,
        MemberStatus.Up => 2,
        MemberStatus.Leaving => 3,
        MemberStatus.Exiting => 4,
        MemberStatus.Down => 5,
        _ => 6,
    };

    /// <summary>Orders by address.</summary>
    public static bool operator <(Member? left, Member? right) => Compare(left, right) < 0;

    /// <summary>Orders by address.</summary>
    public static bool operator <=(Member? left, Member? right) => Compare(left, right) <= 0;

    /// <summary>Orders by address.</summary>
    public static bool operator >(Member? left, Member? right) => Compare(left, right) > 0;

    /// <summary>Orders by address.</summary>
    public static bool operator >=(Member? left, Member? right) => Compare(left, right) >= 0;

    private static int Compare(Member? left, Member? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
