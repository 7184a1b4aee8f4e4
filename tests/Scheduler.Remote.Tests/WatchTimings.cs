namespace Scheduler.Remote.Tests;

/// <summary>
/// Death-watch settings that notice a silent node within a few seconds: fast for tests, yet with room for a first
/// connection and for heartbeats delayed on a loaded two-core machine (a 1 s pause once declared a live node dead).
/// </summary>
internal static class WatchTimings
{
    public const string Fast = """
        scheduler.remote.watch-failure-detector {
          heartbeat-interval = 100ms
          acceptable-heartbeat-pause = 3s
          unreachable-nodes-reaper-interval = 100ms
          expected-response-after = 1s
        }
        """;
}
