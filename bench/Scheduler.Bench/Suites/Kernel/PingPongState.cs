using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// What the sides of a ping-pong run share: one counter per side, and a flag that tells every side to stop
/// returning the ball, so that the run drains instead of sending its last balls to dead letters.
/// </summary>
internal sealed class PingPongState(int sides)
{
    private volatile bool _stopped;

    /// <summary>Messages handled, one counter per side.</summary>
    public StripedCounters Counters { get; } = new(sides);

    /// <summary>True once the sides should keep what they receive.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Ends the bouncing.</summary>
    public void Stop() => _stopped = true;
}
