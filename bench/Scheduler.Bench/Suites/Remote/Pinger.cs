using System.Diagnostics;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Remote;

/// <summary>
/// The local side of a pair: keeps <c>window</c> volleys in flight to its echo on the peer and counts each one that
/// comes back. With a latency list it also records every round trip (use a window of 1 for that).
/// </summary>
internal sealed class Pinger(IActorRef echo, int window, StripedCounters counters, int slot, List<TimeSpan>? latencies) : UntypedActor
{
    private bool _stopped;

    /// <summary>Stops sending; volleys in flight are counted but not returned.</summary>
    public sealed record Stop
    {
        public static readonly Stop Instance = new();
    }

    protected override void PreStart()
    {
        for (var i = 0; i < window; i++)
        {
            echo.Tell(new Volley(Stopwatch.GetTimestamp(), Volley.Filler), Self);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Volley volley:
                counters.Increment(slot);
                if (latencies is not null)
                {
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(volley.SentAt));
                    }
                }

                if (!_stopped)
                {
                    echo.Tell(latencies is null ? volley : new Volley(Stopwatch.GetTimestamp(), Volley.Filler), Self);
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
}
