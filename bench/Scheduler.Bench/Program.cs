using Scheduler.Bench;
using Scheduler.Bench.Suites;
using Scheduler.Bench.Suites.Failover;
using Scheduler.Bench.Suites.Remote;
using Scheduler.Bench.Suites.Sharding;
using Scheduler.Bench.Suites.Tasks;

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
];

// Suites that need other processes run them as this same program, started with a peer argument.
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
