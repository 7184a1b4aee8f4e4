using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>
/// Keeps <c>window</c> pings in flight through a region, each to the next of its own entities in turn, and counts
/// every pong; a stop ends the sending, answers still on their way are counted.
/// </summary>
internal sealed class Requester(IActorRef region, IReadOnlyList<Ping> pings, int window, StripedCounters counters, int slot) : UntypedActor
{
    private int _next;
    private bool _stopped;

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    protected override void PreStart()
    {
        for (var i = 0; i < window; i++)
        {
            SendNext();
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Pong:
                counters.Increment(slot);
                if (!_stopped)
                {
                    SendNext();
                }

                break;
            case Stop:
                _stopped = true;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void SendNext()
    {
        region.Tell(pings[_next], Self);
        _next = (_next + 1) % pings.Count;
    }
}
