using Quartz;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>The Quartz side of the workload: a job that does nothing but count its runs.</summary>
internal sealed class QuartzNoopJob : IJob
{
    private static int s_executed;

    public static int Executed => Volatile.Read(ref s_executed);

    public Task Execute(IJobExecutionContext context)
    {
        Interlocked.Increment(ref s_executed);
        return Task.CompletedTask;
    }
}
