using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Failover;
using Scheduler.Cluster;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Members;
using Scheduler.Configuration;
using Scheduler.Remote;
using static System.FormattableString;

namespace Scheduler.Bench.Suites;

/// <summary>
/// How fast a crash is noticed and dealt with, with the default cluster settings: three members (this process and
/// two peer processes), one peer killed with SIGKILL, and the time until this process sees it unreachable and
/// then removed (downed by the split-brain resolver in between). Each round starts a fresh cluster and lets it run
/// for ten seconds before the kill.
/// </summary>
internal sealed class FailoverDetectSuite : IBenchmarkSuite
{
    private static readonly TimeSpan SteadyState = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Name => "failover-detect";

    /// <inheritdoc />
    public string Description => "three members, one killed with SIGKILL: seconds until the others see it unreachable and removed (default settings)";

    /// <inheritdoc />
    public IReadOnlyList<SuiteOption> Options => [];

    /// <summary>An actor system with remoting on a free loopback port and the default cluster settings.</summary>
    public static ActorSystem CreateSystem(string name)
    {
        var configuration = new ConfigurationBuilder().AddHoconString("scheduler.remote.port = 0", name).Build();
        return ActorSystem.Create("failover", new ActorSystemSetup { Configuration = configuration }.WithRemoting());
    }

    /// <inheritdoc />
    public async Task<BenchmarkResult> RunAsync(BenchmarkArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var rounds = arguments.Quick ? 1 : 3;
        var unreachable = new List<double>();
        var removed = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (u, r) = await RunRoundAsync(output).ConfigureAwait(false);
            output.WriteLine(Invariant($"round {round}: unreachable after {u:0.00} s, removed after {r:0.00} s"));
            unreachable.Add(u);
            removed.Add(r);
        }

        unreachable.Sort();
        removed.Sort();
        return new BenchmarkResult()
            .AddRatio("unreachable_s", unreachable[unreachable.Count / 2])
            .AddRatio("removed_s", removed[removed.Count / 2])
            .AddRatio("removed_max_s", removed[^1])
            .Add("rounds", rounds);
    }

    private static async Task<(double Unreachable, double Removed)> RunRoundAsync(TextWriter output)
    {
        var system = CreateSystem("observer");
        var cluster = Cluster.Cluster.Get(system);
        var self = Remoting.Get(system).Address;
        cluster.Join(self);
        using var second = await PeerProcess.StartAsync(ClusterPeer.Argument, self.ToString()).ConfigureAwait(false);
        using var third = await PeerProcess.StartAsync(ClusterPeer.Argument, self.ToString()).ConfigureAwait(false);
        try
        {
            await Deadline.UntilAsync(
                () => cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == 3,
                () => Invariant($"three members Up (now {cluster.State.Members.Count} members)")).ConfigureAwait(false);

            // A cluster that has run a while: the failure detectors have learned the heartbeat rhythm from more
            // than their first few samples (which start with a wide guess and would slow detection).
            await Task.Delay(SteadyState, TimeProvider.System).ConfigureAwait(false);
            var victim = third.Address;
            var seen = new EventTimes(victim);
            var recorder = system.ActorOf(Props.Create(() => new EventRecorder(seen)), "recorder");
            cluster.Subscribe(recorder, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
            await Deadline.WithinAsync(seen.Subscribed.Task, () => "the subscription").ConfigureAwait(false);

            var clock = Stopwatch.StartNew();
            seen.Clock = clock;
            third.Kill();
            output.WriteLine(Invariant($"killed the member at {victim}"));
            await Deadline.WithinAsync(seen.Removed.Task, () => "the killed member's removal").ConfigureAwait(false);
            return (seen.Unreachable.Task.Result.TotalSeconds, seen.Removed.Task.Result.TotalSeconds);
        }
        finally
        {
            await second.StopAsync().ConfigureAwait(false);
            await system.TerminateWithinAsync().ConfigureAwait(false);
        }
    }

    /// <summary>When the killed member was seen unreachable and removed, measured from the kill.</summary>
    private sealed class EventTimes(string victim)
    {
        public string Victim { get; } = victim;

        public Stopwatch? Clock { get; set; }

        public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<TimeSpan> Unreachable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<TimeSpan> Removed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class EventRecorder : ReceiveActor
    {
        public EventRecorder(EventTimes times)
        {
            Receive<CurrentClusterState>(_ => times.Subscribed.TrySetResult());
            Receive<ClusterEvent.UnreachableMember>(
                e => times.Unreachable.TrySetResult(times.Clock!.Elapsed),
                e => times.Clock is not null && string.Equals(e.Member.Address.ToString(), times.Victim, StringComparison.Ordinal));
            Receive<ClusterEvent.MemberRemoved>(
                e => times.Removed.TrySetResult(times.Clock!.Elapsed),
                e => times.Clock is not null && string.Equals(e.Member.Address.ToString(), times.Victim, StringComparison.Ordinal));
        }
    }
}
