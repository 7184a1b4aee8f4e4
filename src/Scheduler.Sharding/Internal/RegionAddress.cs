using Scheduler.Actors;

namespace Scheduler.Sharding.Internal;

/// <summary>The node a region runs on: a local ref's path carries no host, so for it that is this node.</summary>
internal static class RegionAddress
{
    public static Address Of(IActorRef region, Address selfAddress) =>
        region.Path.Address.HasGlobalScope ? region.Path.Address : selfAddress;
}
