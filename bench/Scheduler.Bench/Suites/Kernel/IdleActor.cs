using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// The smallest useful actor: no fields of its own, so what it costs in memory is what the kernel costs per actor.
/// It answers its one message by signalling arrival.
/// </summary>
internal sealed class IdleActor : UntypedActor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is Arrive arrive)
        {
            arrive.Counter.Signal();
        }
        else
        {
            Unhandled(message);
        }
    }

    /// <summary>Asks the actor to count itself in; one instance is shared by all the actors of a run.</summary>
    public sealed record Arrive(CompletionCounter Counter);
}
