namespace Scheduler.Node;

/// <summary>
/// What a node started without <c>--config</c> runs with: a cluster of one on this machine, SQLite under
/// <c>./data</c>, the built-in <c>noop</c>, <c>sleep</c> and <c>http</c> types, and the API on
/// http://127.0.0.1:5080 without a token (allowed because it listens on loopback only). Enough to try the scheduler
/// in a minute; a real deployment starts from hocon/seed.conf or member.conf.
/// </summary>
internal static class DevelopmentDefaults
{
    public const string Hocon = """
        scheduler {
          remote { hostname = "127.0.0.1", port = 2552 }
          # No seed nodes: the node forms a cluster of its own.
          cluster { seed-nodes = [], roles = [worker] }
          persistence.sql {
            database = sqlite
            connection-string = "Data Source=data/scheduler.db"
            auto-initialize = on
          }
          engine.executors.http.enabled = on
          api { hostname = "127.0.0.1", port = 5080, authentication = off }
        }
        """;
}
