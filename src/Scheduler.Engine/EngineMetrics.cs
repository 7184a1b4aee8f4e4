using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine;

/// <summary>
/// The engine's instruments, on the meter <see cref="MeterName"/> (names follow OpenTelemetry's conventions; the
/// API's <c>/metrics</c> shows them in Prometheus' text format). Counts are taken when an event is stored, never
/// when one is replayed, so a restarted node does not count its history again.
/// </summary>
public static class EngineMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Scheduler.Engine";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<object, Func<int>> ReadySources = new();

    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>("scheduler.tasks.submitted", "{task}", "Tasks accepted");
    private static readonly Counter<long> Succeeded = Meter.CreateCounter<long>("scheduler.tasks.succeeded", "{task}", "Tasks that succeeded");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("scheduler.tasks.failed", "{task}", "Tasks that failed or timed out for good");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("scheduler.tasks.retried", "{attempt}", "Failed attempts that will be retried");
    private static readonly Histogram<double> DispatchLatency = Meter.CreateHistogram<double>("scheduler.dispatch.latency", "s",
        "Time from a task's due time to the dispatch of its attempt to a worker");

    static EngineMetrics() =>
        Meter.CreateObservableGauge("scheduler.queue.depth", () => ReadySources.Values.Sum(source => source()), "{task}",
            "Tasks that are due and wait for a worker, on the dispatchers of this process");

    /// <summary>Counts what a stored task event means; <paramref name="task"/> is the task after it.</summary>
    internal static void Stored(TaskEvent change, TaskRecord task)
    {
        var type = new KeyValuePair<string, object?>("type", task.Spec.Type);
        switch (change)
        {
            case TaskEvent.Submitted:
                Submitted.Add(1, type);
                break;
            case TaskEvent.AttemptSucceeded when task.State == TaskState.Succeeded:
                Succeeded.Add(1, type);
                break;
            case TaskEvent.AttemptFailed { RetryAt: not null }:
                Retried.Add(1, type);
                break;
            case TaskEvent.AttemptFailed when task.State is TaskState.Failed or TaskState.TimedOut:
                Failed.Add(1, type);
                break;
            case TaskEvent.AttemptDispatched dispatched:
                DispatchLatency.Record(Math.Max(0, (dispatched.At - task.DueAt).TotalSeconds), type);
                break;
        }
    }

    /// <summary>Adds a dispatcher's count of ready tasks to the queue-depth gauge, until the returned handle is disposed.</summary>
    internal static IDisposable TrackReady(Func<int> count)
    {
        var key = new object();
        ReadySources[key] = count;
        return new Untrack(key);
    }

    private sealed class Untrack(object key) : IDisposable
    {
        public void Dispose() => ReadySources.TryRemove(key, out _);
    }
}
