using System.Collections.Immutable;
using Scheduler.Actors;

namespace Scheduler.Sharding.Coordinator;

/// <summary>
/// Where shards live, as the coordinator's events built it: the regions with their shards, the proxies, and (with
/// remember-entities) the shards that must be allocated again because their entities are to run somewhere. Pure:
/// the coordinator checks a change is allowed with the Can* methods before it stores the event.
/// </summary>
internal sealed record CoordinatorState
{
    public static CoordinatorState Empty(bool rememberEntities) => new() { RememberEntities = rememberEntities };

    public ImmutableDictionary<IActorRef, ImmutableList<string>> Regions { get; init; } = ImmutableDictionary<IActorRef, ImmutableList<string>>.Empty;

    public ImmutableHashSet<IActorRef> RegionProxies { get; init; } = [];

    public ImmutableDictionary<string, IActorRef> Shards { get; init; } = ImmutableDictionary.Create<string, IActorRef>(StringComparer.Ordinal);

    /// <summary>With remember-entities: shards whose entities must run again, to be allocated without waiting for a message.</summary>
    public ImmutableHashSet<string> UnallocatedShards { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public bool RememberEntities { get; init; }

    /// <summary>The state after <paramref name="event"/>; an event that does not fit the state is a corrupt journal.</summary>
    public CoordinatorState Updated(CoordinatorEvent @event) => @event switch
    {
        CoordinatorEvent.RegionRegistered e => Regions.ContainsKey(e.Region)
            ? Invalid(e, "the region is already registered")
            : this with { Regions = Regions.Add(e.Region, []) },
        CoordinatorEvent.RegionProxyRegistered e => RegionProxies.Contains(e.Proxy)
            ? Invalid(e, "the proxy is already registered")
            : this with { RegionProxies = RegionProxies.Add(e.Proxy) },
        CoordinatorEvent.RegionTerminated e => Regions.TryGetValue(e.Region, out var lost)
            ? this with
            {
                Regions = Regions.Remove(e.Region),
                Shards = Shards.RemoveRange(lost),
                UnallocatedShards = RememberEntities ? UnallocatedShards.Union(lost) : UnallocatedShards,
            }
            : Invalid(e, "the region is not registered"),
        CoordinatorEvent.RegionProxyTerminated e => RegionProxies.Contains(e.Proxy)
            ? this with { RegionProxies = RegionProxies.Remove(e.Proxy) }
            : Invalid(e, "the proxy is not registered"),
        CoordinatorEvent.ShardHomeAllocated e => !Regions.TryGetValue(e.Region, out var shards)
            ? Invalid(e, "the region is not registered")
            : Shards.ContainsKey(e.Shard)
                ? Invalid(e, "the shard is already allocated")
                : this with
                {
                    Regions = Regions.SetItem(e.Region, shards.Add(e.Shard)),
                    Shards = Shards.Add(e.Shard, e.Region),
                    UnallocatedShards = UnallocatedShards.Remove(e.Shard),
                },
        CoordinatorEvent.ShardHomeDeallocated e => Shards.TryGetValue(e.Shard, out var home)
            ? this with
            {
                Regions = Regions.SetItem(home, Regions[home].Remove(e.Shard, StringComparer.Ordinal)),
                Shards = Shards.Remove(e.Shard),
                UnallocatedShards = RememberEntities ? UnallocatedShards.Add(e.Shard) : UnallocatedShards,
            }
            : Invalid(e, "the shard is not allocated"),
        _ => throw new ArgumentException($"{@event.GetType().Name} is not a coordinator event.", nameof(@event)),
    };

    /// <summary>The state as a snapshot: lists only, so it serializes without refs as dictionary keys.</summary>
    public CoordinatorSnapshot ToSnapshot() => new(
        [.. Regions.Select(pair => new CoordinatorSnapshot.RegionEntry(pair.Key, [.. pair.Value]))],
        [.. RegionProxies],
        [.. UnallocatedShards],
        RememberEntities);

    /// <summary>The state a snapshot holds.</summary>
    public static CoordinatorState FromSnapshot(CoordinatorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var regions = snapshot.Regions.ToImmutableDictionary(entry => entry.Region, entry => entry.Shards.ToImmutableList());
        return new CoordinatorState
        {
            Regions = regions,
            RegionProxies = [.. snapshot.Proxies],
            Shards = regions.SelectMany(pair => pair.Value.Select(shard => KeyValuePair.Create(shard, pair.Key)))
                .ToImmutableDictionary(StringComparer.Ordinal),
            UnallocatedShards = snapshot.Unallocated.ToImmutableHashSet(StringComparer.Ordinal),
            RememberEntities = snapshot.RememberEntities,
        };
    }

    private static CoordinatorState Invalid(CoordinatorEvent @event, string why) =>
        throw new InvalidOperationException($"The coordinator cannot apply {@event}: {why}.");
}
