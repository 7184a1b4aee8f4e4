using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Events;

/// <summary>The membership as this node knows it now: the snapshot a subscriber gets first, and Cluster.State.</summary>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableHashSet<Member> Unreachable,
    ImmutableHashSet<Address> SeenBy,
    Address? Leader,
    ImmutableSortedDictionary<string, Address?> RoleLeaders)
{
    /// <summary>Before joining: nobody.</summary>
    public static CurrentClusterState Empty { get; } = new(
        ImmutableSortedSet<Member>.Empty,
        ImmutableHashSet<Member>.Empty,
        ImmutableHashSet<Address>.Empty,
        null,
        ImmutableSortedDictionary.Create<string, Address?>(StringComparer.Ordinal));

    /// <summary>The leader among members with <paramref name="role"/>, if any.</summary>
    public Address? RoleLeader(string role) => RoleLeaders.GetValueOrDefault(role);
}
