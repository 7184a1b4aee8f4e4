using System.Text.Json;
using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Tests.Tasks;

/// <summary>Drives <see cref="TaskLifecycle"/> like an entity would: decide, apply the events, keep the answers.</summary>
internal sealed class LifecycleDriver(IActorRef workerActor)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public WorkerRef Worker { get; } = new(workerActor, new UniqueAddress(new Address("sched.tcp", "sys", "127.0.0.1", 2552), 7));

    public TaskRecord? Task { get; private set; }

    public DateTimeOffset Now { get; set; } = Start;

    public double Sample { get; set; } = 0.5;

    public TaskLimits Limits { get; set; } = TaskLimits.Default;

    public List<TaskEvent> Events { get; } = [];

    public object? LastReply { get; private set; }

    public static TaskSpec Spec(string id = "t") => new() { Id = id, Type = "noop", Retry = RetryPolicy.Default with { MaxAttempts = 3, Jitter = 0 } };

    public TaskDecision Send(object input)
    {
        var decision = TaskLifecycle.Decide(Task, input, new DecisionContext(Now, Sample, Limits));
        foreach (var change in decision.Events)
        {
            Task = TaskLifecycle.Apply(Task, change);
            Events.Add(change);
        }

        LastReply = decision.Reply;
        return decision;
    }

    /// <summary>A driver that has run <paramref name="steps"/>, names separated by spaces.</summary>
    public static LifecycleDriver After(IActorRef workerActor, string steps) => new LifecycleDriver(workerActor).Run(steps);

    /// <summary>Runs <paramref name="steps"/>, names separated by spaces.</summary>
    public LifecycleDriver Run(string steps)
    {
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Step(step);
        }

        return this;
    }

    /// <summary>Runs a step by name (see <see cref="Input"/>).</summary>
    public TaskDecision Step(string step) => Send(Input(step));

    public object Input(string step)
    {
        var id = Task?.Id ?? "t";
        var attempt = Task?.Active?.Number ?? Task?.Attempt ?? 0;
        return step switch
        {
            "submit" => new TaskCommand.Submit(Spec(id)),
            "submit-later" => new TaskCommand.Submit(Spec(id) with { Delay = TimeSpan.FromMinutes(5) }),
            "get" => new TaskCommand.Get(id),
            "pause" => new TaskCommand.Pause(id),
            "pause-cancel" => new TaskCommand.Pause(id, RunningPausePolicy.CancelAndRequeue),
            "resume" => new TaskCommand.Resume(id),
            "cancel" => new TaskCommand.Cancel(id, "no longer needed"),
            "delete" => new TaskCommand.Delete(id),
            "rerun" => new TaskCommand.Rerun(id),
            "wake" => new TaskInput.Wake(id),
            "offer" => new TaskInput.Offer(id, Worker),
            "reject" => new AttemptReport.Rejected(id, attempt, "full"),
            "start" => new AttemptReport.Started(id, attempt),
            "succeed" => new AttemptReport.Completed(id, attempt, new AttemptOutcome.Succeeded(null)),
            "fail" => new AttemptReport.Completed(id, attempt, new AttemptOutcome.Failed(new TaskError("io", "disk full"))),
            "timeout" => new AttemptReport.Completed(id, attempt, new AttemptOutcome.TimedOut("start-to-close")),
            "cancelled" => new AttemptReport.Completed(id, attempt, AttemptOutcome.Cancelled.Instance),
            "lost" => new TaskInput.NodeRemoved(Worker.Node),
            "fan-out" => new AttemptReport.Completed(id, attempt, new AttemptOutcome.FannedOut(Children(), Reduce: false)),
            "fan-out-reduce" => new AttemptReport.Completed(id, attempt, new AttemptOutcome.FannedOut(Children(), Reduce: true)),
            "a-ok" => ChildEnded(id, "a", TaskState.Succeeded),
            "b-ok" => ChildEnded(id, "b", TaskState.Succeeded),
            "b-failed" => ChildEnded(id, "b", TaskState.Failed),
            "x-ok" => ChildEnded(id, "x", TaskState.Succeeded),
            "children-answered" => new TaskInput.ChildrenAnswered(Task?.FanOut?.Attempt ?? attempt),
            "later" => Later(),
            _ => throw new ArgumentException("unknown step " + step, nameof(step)),
        };
    }

    /// <summary>The children of the "fan-out" steps: keys a and b, each with a number as payload.</summary>
    public static IReadOnlyList<TaskSpec> Children() =>
    [
        new() { Id = "a", Type = "square", Payload = JsonSerializer.SerializeToElement(2) },
        new() { Id = "b", Type = "square", Payload = JsonSerializer.SerializeToElement(3) },
    ];

    /// <summary>The end of the parent's child with <paramref name="key"/>: a success returns the key's letter, a failure says why.</summary>
    public static TaskInput.ChildEnded ChildEnded(string parentId, string key, TaskState state) => new(
        parentId,
        new ChildResult(
            FanOutPlan.ChildId(parentId, key),
            state,
            state is TaskState.Succeeded ? JsonSerializer.SerializeToElement(key) : null,
            state is TaskState.Succeeded ? null : new TaskError("io", "disk full")));

    // Moves the clock past any due time and wakes the task.
    private TaskInput.Wake Later()
    {
        Now += TimeSpan.FromHours(1);
        return new TaskInput.Wake(Task?.Id ?? "t");
    }
}
