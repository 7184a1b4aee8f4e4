using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Sharding;
using Scheduler.Cluster.Members;
using Scheduler.Configuration;
using Scheduler.Remote;
using Scheduler.Sharding;
using static System.FormattableString;

namespace Scheduler.Bench.Suites;

/// <summary>
/// Cluster sharding: request and response to entities hosted on this node; the same through a proxy to entities on
/// a second process (many requests in flight, answers straight back to the requester); and how fast new entities
/// come to life when the first message for each arrives at the region. Both processes share this machine's cores.
/// </summary>
internal sealed class ShardingSuite : IBenchmarkSuite
{
    public const string PeerRole = "peer";
    public const string RemoteType = "remote-echo";
    public const int Shards = 100;
    private const string LocalType = "local-echo";
    private const string SpawnType = "spawn";
    private const string LocalRole = "local";
    private const int Entities = 1_000;
    private const int Window = 100;

    /// <inheritdoc />
    public string Name => "sharding";

    /// <inheritdoc />
    public string Description => "requests per second to sharded entities on this node and on a peer process (pipelined), entities spawned per second";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options => [];

    /// <summary>A cluster node with remoting on a free loopback port, the default sharding settings, and <paramref name="role"/>.</summary>
    public static ActorSystem CreateSystem(string name, string role)
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString($"scheduler.remote.port = 0\nscheduler.cluster.roles = [{role}]", name)
            .Build();
        return ActorSystem.Create("sharding", new ActorSystemSetup { Configuration = configuration, Serialization = Ping.Register }.WithRemoting());
    }

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var sampling = arguments.Quick
            ? new SamplingPlan(WarmUp: TimeSpan.FromSeconds(2), Round: TimeSpan.FromSeconds(1), Rounds: 3)
            : new SamplingPlan(WarmUp: TimeSpan.FromSeconds(3), Round: TimeSpan.FromSeconds(2), Rounds: 5);
        var spawns = arguments.Quick ? 20_000 : 100_000;
        var requesters = 4 * Environment.ProcessorCount;

        var system = CreateSystem("bench", LocalRole);
        try
        {
            var cluster = Cluster.Cluster.Get(system);
            cluster.Join(Remoting.Get(system).Address);
            await Deadline.UntilAsync(() => cluster.SelfMember?.Status == MemberStatus.Up, () => "this node Up").ConfigureAwait(false);
            var sharding = ClusterSharding.Get(system);
            var settings = ClusterShardingSettings.Create(system) with { Role = LocalRole };

            output.WriteLine(Invariant($"local: {Entities:N0} entities on this node, {requesters} requesters with {Window} requests in flight each"));
            var local = sharding.Start(LocalType, EchoEntity.Props(null), settings, new PingExtractor(Shards));
            var localRate = await MeasureRequestsAsync(system, local, requesters, sampling, "local requests", output).ConfigureAwait(false);

            output.WriteLine(Invariant($"spawn: the first message to each of {spawns:N0} new entities"));
            var spawnRate = await MeasureSpawnAsync(system, sharding, settings, spawns, output).ConfigureAwait(false);

            using var peer = await PeerProcess.StartAsync(ShardingPeer.Argument, Remoting.Get(system).Address.ToString()).ConfigureAwait(false);
            output.WriteLine(Invariant($"remote: {Entities:N0} entities on peer process {peer.Process.Id}, reached through a proxy on this node"));
            await Deadline.UntilAsync(
                () => cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == 2,
                () => Invariant($"the peer Up ({cluster.State.Members.Count} members)")).ConfigureAwait(false);
            var proxy = sharding.StartProxy(RemoteType, PeerRole, new PingExtractor(Shards));
            var remoteRate = await MeasureRequestsAsync(system, proxy, requesters, sampling, "remote requests", output).ConfigureAwait(false);
            await peer.StopAsync().ConfigureAwait(false);

            return new BenchmarkResult()
                .Add("local_req_per_s", localRate)
                .Add("remote_req_per_s", remoteRate)
                .Add("spawn_per_s", spawnRate);
        }
        finally
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    private static async Task<long> MeasureRequestsAsync(ActorSystem system, IActorRef region, int requesters, SamplingPlan sampling, string label, TextWriter output)
    {
        // Each requester has its own slice of the entities; the pings are made once, so the loop allocates none.
        var pings = Enumerable.Range(0, Entities).Select(entity => new Ping(Invariant($"e{entity}"))).ToArray();
        var counters = new StripedCounters(requesters);
        var actors = Enumerable.Range(0, requesters)
            .Select(slot => system.ActorOf(
                Props.Create(() => new Requester(region, pings.Where((_, i) => i % requesters == slot).ToArray(), Window, counters, slot)),
                Invariant($"{label.Replace(' ', '-')}-{slot}")))
            .ToList();
        var rate = await RateSampler.SampleAsync(counters.Sum, sampling, label, output).ConfigureAwait(false);
        foreach (var actor in actors)
        {
            actor.Tell(Requester.Stop.Instance, ActorRefs.NoSender);
        }

        return rate;
    }

    private static async Task<long> MeasureSpawnAsync(ActorSystem system, ClusterSharding sharding, ClusterShardingSettings settings, int spawns, TextWriter output)
    {
        var firstMessages = new CompletionCounter(spawns);
        var region = sharding.Start(SpawnType, EchoEntity.Props(firstMessages), settings, new PingExtractor(Shards));
        var pings = Enumerable.Range(0, spawns).Select(entity => new Ping(Invariant($"s{entity}"))).ToArray();

        // The answers are dropped quietly (to dead letters they would cost a publication each). The figure
        // includes giving each of the shards its home, once, as a fresh region must.
        var sink = system.ActorOf(Props.Create<Sink>(), "spawn-sink");
        var start = Stopwatch.GetTimestamp();
        foreach (var ping in pings)
        {
            region.Tell(ping, sink);
        }

        await Deadline.WithinAsync(firstMessages.WhenDone, () => Invariant($"spawning: {firstMessages.Arrived:N0} of {spawns:N0} entities got their first message")).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var rate = Rates.PerSecond(spawns, elapsed);
        output.WriteLine(Invariant($"  spawn: {spawns:N0} entities started and messaged in {elapsed.TotalMilliseconds:0} ms = {rate:N0} entities/s"));
        return rate;
    }
}
