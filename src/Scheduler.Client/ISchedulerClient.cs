using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Client;

/// <summary>
/// Manages tasks and schedules, from outside the cluster (<see cref="Http.SchedulerHttpClient"/>, over the REST API)
/// or from code in a node (<see cref="InCluster.InClusterSchedulerClient"/>, straight to the sharding proxy). Both
/// answer the same way: the task or schedule after the command, or an exception derived from
/// <see cref="Problems.SchedulerProblemException"/> (not found, conflict, validation, unavailable) that says what was
/// wrong; a refused command changed nothing.
/// </summary>
public interface ISchedulerClient
{
    /// <summary>
    /// Submits a task; without an id one is derived from the idempotency key or generated. Submitting again with the
    /// same id returns the task that exists (<see cref="Submission.Created"/> is then false).
    /// </summary>
    Task<Submission> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Reads a task.</summary>
    Task<TaskView> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One page of tasks, newest submitted first; pass <see cref="TaskPage.Next"/> as <see cref="TaskQuery.After"/> for the next.</summary>
    Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>Pauses a task; <paramref name="running"/> says what happens to an attempt already running.</summary>
    Task<TaskView> PauseAsync(string id, RunningPausePolicy running = RunningPausePolicy.LetFinish, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused task.</summary>
    Task<TaskView> ResumeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Cancels a task that has not finished.</summary>
    Task<TaskView> CancelAsync(string id, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a finished task again, under the same id.</summary>
    Task<TaskView> RerunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a task (a running attempt is cancelled first).</summary>
    Task<TaskView> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The task's state after each of its changes, from its submit on, ending after it has ended (finished or
    /// deleted); cancel to stop earlier. Throws <see cref="Problems.SchedulerNotFoundException"/> for an unknown task.
    /// </summary>
    IAsyncEnumerable<TaskView> WatchAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates a recurring schedule; creating the same schedule again returns it (<see cref="ScheduleCreation.Created"/> false).</summary>
    Task<ScheduleCreation> CreateScheduleAsync(ScheduleSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Reads a schedule.</summary>
    Task<ScheduleView> GetScheduleAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One page of schedules, newest created first; pass <see cref="SchedulePage.Next"/> as <see cref="ScheduleQuery.After"/> for the next.</summary>
    Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default);

    /// <summary>Pauses a schedule: no occurrence fires until it is resumed.</summary>
    Task<ScheduleView> PauseScheduleAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused schedule.</summary>
    Task<ScheduleView> ResumeScheduleAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a schedule; tasks it already created run on.</summary>
    Task<ScheduleView> DeleteScheduleAsync(string id, CancellationToken cancellationToken = default);
}
