using Scheduler.Bench;
using Scheduler.Bench.Suites;

// The benchmark runner: one suite per area, chosen on the command line (see README.md). Later layers add their
// suite to this list.
IBenchmarkSuite[] suites =
[
    new KernelSuite(),
    new JournalSuite(),
];

return await BenchmarkRunner.RunAsync(args, suites, Console.Out, Console.Error).ConfigureAwait(false);
