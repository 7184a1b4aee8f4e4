namespace Scheduler.Remote.Tests;

/// <summary>Death-watch settings that notice a silent node within about a second.</summary>
internal static class WatchTimings
{
    public const string Fast = """
        scheduler.remote.watch-failure-detector {
          heartbeat-interval = 100ms
          acceptable-heartbeat-pause = 1s
          unreachable-nodes-reaper-interval = 100ms
          expected-response-after = 200ms
        }
        """;
}
