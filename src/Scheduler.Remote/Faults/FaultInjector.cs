using System.Collections.Concurrent;
using Scheduler.Actors;

namespace Scheduler.Remote.Faults;

/// <summary>
/// The faults of every link of one node, by peer address. Multi-node specs drive it through the test conductor
/// (Akka's throttler transport plays this part); in production nobody touches it and every link lets all through.
/// </summary>
internal sealed class FaultInjector(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Address, LinkFaults> _links = new();

    /// <summary>The faults of the link to <paramref name="peer"/>.</summary>
    public LinkFaults For(Address peer) => _links.GetOrAdd(peer, static (_, time) => new LinkFaults(time), timeProvider);
}
