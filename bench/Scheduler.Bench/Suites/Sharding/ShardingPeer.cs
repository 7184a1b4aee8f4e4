using Scheduler.Actors;
using Scheduler.Remote;
using Scheduler.Sharding;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>
/// The second member of the sharding suite's cluster, in its own process: it has the role the remote entities
/// need, joins the seed it is given, hosts their region (and so their coordinator), and serves until its standard
/// input closes.
/// </summary>
internal static class ShardingPeer
{
    public const string Argument = "sharding-peer";

    public static async Task<int> RunAsync(string seed, TextReader input, TextWriter output)
    {
        if (!ActorPath.TryParse(seed, out var path, out var error))
        {
            await output.WriteLineAsync($"ERROR the seed '{seed}' is not an address: {error}").ConfigureAwait(false);
            return 2;
        }

        var system = ShardingSuite.CreateSystem("peer", ShardingSuite.PeerRole);
        Cluster.Cluster.Get(system).Join(path.Address);
        ClusterSharding.Get(system).Start(
            ShardingSuite.RemoteType,
            EchoEntity.Props(null),
            ClusterShardingSettings.Create(system) with { Role = ShardingSuite.PeerRole },
            new PingExtractor(ShardingSuite.Shards));
        await PeerProcess.AnnounceAsync(output, Remoting.Get(system).Address.ToString()).ConfigureAwait(false);
        await PeerProcess.WaitForParentAsync(input).ConfigureAwait(false);
        await system.TerminateWithinAsync().ConfigureAwait(false);
        return 0;
    }
}
