using System.Text.Json;
using Scheduler.Actors.Serialization;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// What a worker tells a task entity about one attempt. <see cref="Attempt"/> is the fencing token: a report for any
/// attempt but the task's active one is acknowledged and otherwise ignored.
/// </summary>
public abstract record AttemptReport(string TaskId, int Attempt)
{
    /// <summary>The worker reserved the attempt's slots and will run it.</summary>
    public sealed record Accepted(string TaskId, int Attempt) : AttemptReport(TaskId, Attempt);

    /// <summary>The worker refused the attempt before running anything.</summary>
    public sealed record Rejected(string TaskId, int Attempt, string Reason) : AttemptReport(TaskId, Attempt);

    /// <summary>The executor started.</summary>
    public sealed record Started(string TaskId, int Attempt) : AttemptReport(TaskId, Attempt);

    /// <summary>The attempt ended; the worker repeats this until it is acknowledged with <see cref="AttemptReportAck"/>.</summary>
    public sealed record Completed(string TaskId, int Attempt, AttemptOutcome Outcome) : AttemptReport(TaskId, Attempt);

    /// <summary>A long attempt is alive, with optional progress.</summary>
    public sealed record Heartbeat(string TaskId, int Attempt, JsonElement? Progress) : AttemptReport(TaskId, Attempt);

    /// <summary>Registers every report and outcome with its manifest.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Accepted>("engine.attempt.accepted");
        registry.Register<Rejected>("engine.attempt.rejected");
        registry.Register<Started>("engine.attempt.started");
        registry.Register<Completed>("engine.attempt.completed");
        registry.Register<Heartbeat>("engine.attempt.heartbeat");
        registry.Register<AttemptReportAck>("engine.attempt.ack");
    }
}
