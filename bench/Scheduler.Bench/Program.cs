using Scheduler.Bench;
using Scheduler.Bench.Suites;
using Scheduler.Bench.Suites.Chaos;
using Scheduler.Bench.Suites.Failover;
using Scheduler.Bench.Suites.Remote;
using Scheduler.Bench.Suites.Sharding;
using Scheduler.Bench.Suites.Tasks;
using Scheduler.Engine.Tests.MultiNode;
using Scheduler.TestKit.MultiNode;

// The benchmark runner: one suite per area, chosen on the command line (see README.md). Later layers add their
// suite to this list.
IBenchmarkSuite[] suites =
[
    new KernelSuite(),
    new JournalSuite(),
    new RemoteSuite(),
    new FailoverDetectSuite(),
    new ShardingSuite(),
    new TasksSuite(),
    new TasksIdleSuite(),
    new ChaosSuite(),
];

// Suites that need other processes run them as this same program, started with a peer argument.
// The chaos suite's roles: the engine's multi-node specs, played by this program.
if (args is [MultiNodeHost.Flag, ..])
{
    return MultiNodeHost.Run(args, typeof(TaskChaosSpec).Assembly);
}

if (args is [RemotePeer.Argument, ..])
{
    return await RemotePeer.RunAsync(Console.In, Console.Out).ConfigureAwait(false);
}

if (args is [ClusterPeer.Argument, var seed, ..])
{
    return await ClusterPeer.RunAsync(seed, Console.In, Console.Out).ConfigureAwait(false);
}

if (args is [ShardingPeer.Argument, var shardingSeed, ..])
{
    return await ShardingPeer.RunAsync(shardingSeed, Console.In, Console.Out).ConfigureAwait(false);
}

return await BenchmarkRunner.RunAsync(args, suites, Console.Out, Console.Error).ConfigureAwait(false);
