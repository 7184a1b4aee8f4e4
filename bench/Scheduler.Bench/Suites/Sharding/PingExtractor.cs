using Scheduler.Sharding.Extraction;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>Routes a <see cref="Ping"/> by its entity id over a fixed number of shards.</summary>
internal sealed class PingExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message is Ping ping ? ping.EntityId : base.EntityId(message);
}
