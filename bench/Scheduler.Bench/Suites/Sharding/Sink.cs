using Scheduler.Actors;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>Takes answers nobody needs.</summary>
internal sealed class Sink : UntypedActor
{
    protected override void OnReceive(object message)
    {
        // Dropped on purpose.
    }
}
