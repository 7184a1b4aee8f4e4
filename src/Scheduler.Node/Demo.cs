using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Configuration;

namespace Scheduler.Node;

/// <summary>
/// A small tour of the kernel: workers under a supervisor that restarts them, asks with timeouts, and a count of
/// the work done. <c>--demo:tasks=N</c> sets how many pieces of work are handed out.
/// </summary>
internal static class Demo
{
    public static async Task<string> RunAsync(ActorSystem system, IConfiguration configuration, ILogger log)
    {
        var tasks = int.TryParse(configuration["demo:tasks"], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
        var pool = system.ActorOf(Props.Create(() => new WorkerPool(workers: 4)), "workers");
        NodeLog.DemoStarted(log, pool.Path, tasks);

        var results = await Task.WhenAll(Enumerable.Range(1, tasks)
            .Select(i => pool.Ask<WorkDone>(new Work(i), configuration.GetDuration("demo:ask-timeout", TimeSpan.FromSeconds(5)))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default)))
            .ConfigureAwait(false);

        var done = results.Count(r => r is not null);
        var byWorker = results.Where(r => r is not null).GroupBy(r => r!.Worker, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}={g.Count()}");
        return $"{done} of {tasks} done, {tasks - done} failed; by worker: {string.Join(", ", byWorker)}";
    }

    private sealed record Work(int Number);

    private sealed record WorkDone(int Number, string Worker);

    private sealed class WorkerPool : ReceiveActor
    {
        private readonly IActorRef[] _workers;
        private int _next;

        public WorkerPool(int workers)
        {
            _workers = Enumerable.Range(1, workers).Select(i => Context.ActorOf(Props.Create<Worker>(), $"worker-{i}")).ToArray();
            Receive<Work>(work => _workers[_next++ % _workers.Length].Forward(work));
        }
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker() => Receive<Work>(work =>
        {
            if (work.Number % 7 == 0)
            {
                Sender.Tell(new Status.Failure(new InvalidOperationException($"work {work.Number} failed")), Self);
                throw new InvalidOperationException($"work {work.Number} failed on purpose");
            }

            Sender.Tell(new WorkDone(work.Number, Self.Path.Name), Self);
        });
    }
}
