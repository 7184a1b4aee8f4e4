using Scheduler.Actors;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine;

/// <summary>
/// The facade every surface (C#, REST, CLI) uses to manage tasks. It checks what it can before anything is sent
/// (the id, the spec, the task type against the types this node knows), so bad input gets a clear answer and
/// changes nothing; the entity checks again and is the one that decides.
/// </summary>
public sealed class TaskClient
{
    private readonly IActorRef _tasks;
    private readonly EngineSettings _settings;
    private readonly ExecutorRegistry _executors;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    internal TaskClient(IActorRef tasks, EngineSettings settings, ExecutorRegistry executors, TimeProvider time, TimeSpan timeout)
    {
        _tasks = tasks;
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
        if (!string.IsNullOrEmpty(spec.Type) && !_executors.Knows(spec.Type))
        {
            errors.Add(new ValidationError("type", "'" + spec.Type + "' is not a registered task type; known: " +
                string.Join(", ", _executors.Types.Order(StringComparer.Ordinal))));
        }

        return errors.Count > 0
            ? Task.FromResult<TaskReply>(new TaskReply.Invalid(spec.Id, errors))
            : AskAsync(new TaskCommand.Submit(spec), cancellationToken);
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

    private Task<TaskReply> SendAsync(string id, TaskCommand command, CancellationToken cancellationToken) =>
        TaskIds.IsValidName(id, _settings.Limits.MaxNameLength)
            ? AskAsync(command, cancellationToken)
            : Task.FromResult<TaskReply>(new TaskReply.Invalid(id ?? "", [new ValidationError("id", "is not a valid task id")]));

    private async Task<TaskReply> AskAsync(TaskCommand command, CancellationToken cancellationToken) =>
        await _tasks.Ask<TaskReply>(command, _timeout, cancellationToken).ConfigureAwait(false);
}
