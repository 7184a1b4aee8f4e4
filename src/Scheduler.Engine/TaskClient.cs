using Scheduler.Actors;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Scheduler.Persistence;

namespace Scheduler.Engine;

/// <summary>
/// The facade every surface (C#, REST, CLI) uses to manage tasks and schedules. It checks what it can before anything is sent
/// (the id, the spec, the task type against the types this node knows), so bad input gets a clear answer and
/// changes nothing; the entity checks again and is the one that decides.
/// </summary>
public sealed class TaskClient
{
    private readonly IActorRef _tasks;
    private readonly IActorRef _schedules;
    private readonly EngineSettings _settings;
    private readonly ExecutorRegistry _executors;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ReadModelStores? _readModels;
    private readonly Func<IReadJournal> _events;

    internal TaskClient(IActorRef tasks, IActorRef schedules, EngineSettings settings, ExecutorRegistry executors, TimeProvider time, TimeSpan timeout,
        ReadModelStores? readModels, Func<IReadJournal> events)
    {
        _readModels = readModels;
        _events = events;
        _tasks = tasks;
        _schedules = schedules;
        _settings = settings;
        _executors = executors;
        _time = time;
        _timeout = timeout;
    }

    /// <summary>
    /// Submits a task. Without an id, one is derived from the idempotency key (so a repeated submit finds the same
    /// task) or generated. The answer is <see cref="TaskReply.Accepted"/> only once the task is in the journal.
    /// </summary>
    public Task<TaskReply> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec = spec with { Id = spec.Id ?? (spec.IdempotencyKey is { } key ? TaskIds.FromIdempotencyKey(key) : TaskIds.Generate()) };
        var errors = TaskSpecValidator.Validate(spec, _settings.Limits, _time.GetUtcNow()).ToList();
        CheckType(spec.Type, "type", errors);
        if (spec.Occurrence is not null)
        {
            errors.Add(new ValidationError("occurrence", "is set only by schedules"));
        }

        return errors.Count > 0
            ? Task.FromResult<TaskReply>(new TaskReply.Invalid(spec.Id, errors))
            : AskAsync<TaskReply>(_tasks, new TaskCommand.Submit(spec), cancellationToken);
    }

    /// <summary>Reads a task.</summary>
    public Task<TaskReply> GetAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Get(id), cancellationToken);

    /// <summary>Pauses a task; <paramref name="policy"/> says what happens to an attempt already out.</summary>
    public Task<TaskReply> PauseAsync(string id, RunningPausePolicy policy = RunningPausePolicy.LetFinish, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Pause(id, policy), cancellationToken);

    /// <summary>Resumes a paused task.</summary>
    public Task<TaskReply> ResumeAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Resume(id), cancellationToken);

    /// <summary>Cancels a task.</summary>
    public Task<TaskReply> CancelAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Cancel(id, reason), cancellationToken);

    /// <summary>Deletes a task.</summary>
    public Task<TaskReply> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Delete(id), cancellationToken);

    /// <summary>Runs a finished task again.</summary>
    public Task<TaskReply> RerunAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new TaskCommand.Rerun(id), cancellationToken);

    /// <summary>
    /// Creates a schedule. The answer is <see cref="ScheduleReply.Accepted"/> only once the schedule is in the journal;
    /// repeating the create with the same spec answers the existing schedule.
    /// </summary>
    public Task<ScheduleReply> CreateScheduleAsync(ScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = ScheduleSpecValidator.Validate(spec, _settings.Limits, _time.GetUtcNow()).ToList();
        CheckType(spec.Task?.Type, "task.type", errors);
        return errors.Count > 0
            ? Task.FromResult<ScheduleReply>(new ScheduleReply.Invalid(spec.Id ?? "", errors))
            : AskAsync<ScheduleReply>(_schedules, new ScheduleCommand.Create(spec), cancellationToken);
    }

    /// <summary>Reads a schedule.</summary>
    public Task<ScheduleReply> GetScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new ScheduleCommand.Get(id), cancellationToken);

    /// <summary>Pauses a schedule: nothing fires until it is resumed; tasks already created run on.</summary>
    public Task<ScheduleReply> PauseScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new ScheduleCommand.Pause(id), cancellationToken);

    /// <summary>Resumes a paused schedule from its next occurrence; what the pause passed over is not made up for.</summary>
    public Task<ScheduleReply> ResumeScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new ScheduleCommand.Resume(id), cancellationToken);

    /// <summary>Deletes a schedule; tasks already created run on.</summary>
    public Task<ScheduleReply> DeleteScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(id, new ScheduleCommand.Delete(id), cancellationToken);

    private void CheckType(string? type, string field, List<ValidationError> errors)
    {
        if (!string.IsNullOrEmpty(type) && !_executors.Knows(type))
        {
            errors.Add(new ValidationError(field, "'" + type + "' is not a registered task type; known: " +
                string.Join(", ", _executors.Types.Order(StringComparer.Ordinal))));
        }
    }

    /// <summary>
    /// One page of tasks from the <c>task_view</c> read model, newest submitted first. The read model follows the
    /// journal within moments (a get is always current); finished tasks leave it after the retention. Throws
    /// <see cref="ArgumentException"/> naming what is wrong with the query, and <see cref="InvalidOperationException"/>
    /// when this node has no read model (it needs a SQL journal).
    /// </summary>
    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ListingCursor.Check(query.Validate(), nameof(query));
        return ReadModels("tasks").Tasks.ListAsync(query, cancellationToken);
    }

    /// <summary>
    /// One page of schedules from the <c>schedule_view</c> read model, newest created first; deleted schedules are
    /// not listed. The read model follows the journal within moments (a get is always current). Throws
    /// <see cref="ArgumentException"/> naming what is wrong with the query, and <see cref="InvalidOperationException"/>
    /// when this node has no read model (it needs a SQL journal).
    /// </summary>
    public Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ListingCursor.Check(query.Validate(), nameof(query));
        return ReadModels("schedules").Schedules.ListAsync(query, cancellationToken);
    }

    private ReadModelStores ReadModels(string listing) => _readModels ?? throw new InvalidOperationException(
        "Listing " + listing + " needs the read model, which needs a SQL journal (see SqlPersistence.InitAsync) and scheduler.engine.read-model.enabled = on.");

    /// <summary>
    /// The task's state after each of its changes, from its first event on, live until cancelled: the stream a
    /// watch shows. An unknown id yields nothing until the task is submitted.
    /// </summary>
    public async IAsyncEnumerable<TaskView> WatchAsync(string id, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!TaskIds.IsValidName(id, _settings.Limits.MaxNameLength))
        {
            throw new ArgumentException("'" + id + "' is not a valid task id", nameof(id));
        }

        TaskRecord? task = null;
        await foreach (var stored in _events().EventsByPersistenceId(TaskEntity.PersistencePrefix + id, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (stored.Event is TaskEvent change)
            {
                task = TaskLifecycle.Apply(task, change);
                yield return TaskView.Of(task);
            }
        }
    }

    /// <summary>
    /// What a watch shows a client: the changes of <see cref="WatchAsync"/>, ending after the task has ended
    /// (finished or deleted) at or after <paramref name="since"/>. Pass the time of the task's state when the watch
    /// began, so that a task that was run again does not end the watch at its first finish.
    /// </summary>
    public async IAsyncEnumerable<TaskView> WatchUntilEndedAsync(string id, DateTimeOffset since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var view in WatchAsync(id, cancellationToken).ConfigureAwait(false))
        {
            yield return view;
            if (view.UpdatedAt >= since && view.State.IsEnded())
            {
                yield break;
            }
        }
    }

    private Task<TaskReply> SendAsync(string id, TaskCommand command, CancellationToken cancellationToken) =>
        TaskIds.IsValidName(id, _settings.Limits.MaxNameLength)
            ? AskAsync<TaskReply>(_tasks, command, cancellationToken)
            : Task.FromResult<TaskReply>(new TaskReply.Invalid(id ?? "", [new ValidationError("id", "is not a valid task id")]));

    private Task<ScheduleReply> SendAsync(string id, ScheduleCommand command, CancellationToken cancellationToken) =>
        TaskIds.IsValidName(id, ScheduleSpecValidator.MaxIdLength)
            ? AskAsync<ScheduleReply>(_schedules, command, cancellationToken)
            : Task.FromResult<ScheduleReply>(new ScheduleReply.Invalid(id ?? "", [new ValidationError("id", "is not a valid schedule id")]));

    private async Task<T> AskAsync<T>(IActorRef region, object command, CancellationToken cancellationToken) =>
        await region.Ask<T>(command, _timeout, cancellationToken).ConfigureAwait(false);
}
