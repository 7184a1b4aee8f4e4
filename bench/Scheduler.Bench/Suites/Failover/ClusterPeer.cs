using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Configuration;
using Scheduler.Remote;

namespace Scheduler.Bench.Suites.Failover;

/// <summary>
/// A member of the failover-detect suite's cluster in its own process, with the default cluster settings: it joins
/// the seed it is given and serves until its standard input closes or it is killed.
/// </summary>
internal static class ClusterPeer
{
    public const string Argument = "cluster-peer";

    public static async Task<int> RunAsync(string seed, TextReader input, TextWriter output)
    {
        var system = FailoverDetectSuite.CreateSystem("peer");
        var cluster = Cluster.Cluster.Get(system);
        if (!ActorPath.TryParse(seed, out var path, out var error))
        {
            await output.WriteLineAsync($"ERROR the seed '{seed}' is not an address: {error}").ConfigureAwait(false);
            return 2;
        }

        cluster.Join(path.Address);
        await PeerProcess.AnnounceAsync(output, Remoting.Get(system).Address.ToString()).ConfigureAwait(false);
        await PeerProcess.WaitForParentAsync(input).ConfigureAwait(false);
        await system.TerminateWithinAsync().ConfigureAwait(false);
        return 0;
    }
}
