using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Configuration;
using Scheduler.Remote;

namespace Scheduler.Bench.Suites.Remote;

/// <summary>
/// The second process of the remote suite: an actor system with echo actors on a free loopback port. It prints its
/// address, then serves until its standard input closes (the parent ended or was killed).
/// </summary>
internal static class RemotePeer
{
    public const string Argument = "remote-peer";

    /// <summary>The echo actors, <c>/user/echo-0</c> up to this count.</summary>
    public const int Echoes = 64;

    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var configuration = new ConfigurationBuilder().AddHoconString("scheduler.remote.port = 0", "peer").Build();
        var system = ActorSystem.Create("peer", new ActorSystemSetup { Configuration = configuration, Serialization = Volley.Register }.WithRemoting());
        for (var i = 0; i < Echoes; i++)
        {
            system.ActorOf(Props.Create<Echo>(), $"echo-{i}");
        }

        await PeerProcess.AnnounceAsync(output, Remoting.Get(system).Address.ToString()).ConfigureAwait(false);
        await PeerProcess.WaitForParentAsync(input).ConfigureAwait(false);

        await system.TerminateWithinAsync().ConfigureAwait(false);
        return 0;
    }
}
