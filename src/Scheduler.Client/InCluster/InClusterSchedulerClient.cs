using System.Runtime.CompilerServices;
using Scheduler.Actors;
using Scheduler.Client.Problems;
using Scheduler.Engine;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Client.InCluster;

/// <summary>
/// The scheduler from code that runs in a node (a member, or a client-role node whose engine runs only the sharding
/// proxies): commands go as messages straight to the task and schedule regions, with no HTTP in between. It answers
/// as <see cref="Http.SchedulerHttpClient"/> does, with the same exceptions for the same refusals. Get the
/// <see cref="TaskClient"/> from the node (<c>SchedulerNode.Client</c> or <c>SchedulerEngine.Client</c>).
/// </summary>
public sealed class InClusterSchedulerClient(TaskClient client) : ISchedulerClient
{
    private readonly TaskClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public async Task<Submission> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken = default)
    {
        var accepted = Accept(await Ask(() => _client.SubmitAsync(spec, cancellationToken)).ConfigureAwait(false));
        return new Submission(accepted.Task, accepted.Created);
    }

    /// <inheritdoc />
    public Task<TaskView> GetAsync(string id, CancellationToken cancellationToken = default) => Run(() => _client.GetAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        List(query?.Validate(), () => _client.ListAsync(query!, cancellationToken), StandardProblems.InvalidTaskQuery);

    /// <inheritdoc />
    public Task<TaskView> PauseAsync(string id, RunningPausePolicy running = RunningPausePolicy.LetFinish, CancellationToken cancellationToken = default) =>
        Run(() => _client.PauseAsync(id, running, cancellationToken));

    /// <inheritdoc />
    public Task<TaskView> ResumeAsync(string id, CancellationToken cancellationToken = default) => Run(() => _client.ResumeAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<TaskView> CancelAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        Run(() => _client.CancelAsync(id, reason, cancellationToken));

    /// <inheritdoc />
    public Task<TaskView> RerunAsync(string id, CancellationToken cancellationToken = default) => Run(() => _client.RerunAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<TaskView> DeleteAsync(string id, CancellationToken cancellationToken = default) => Run(() => _client.DeleteAsync(id, cancellationToken));

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskView> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        await foreach (var view in _client.WatchUntilEndedAsync(id, current.UpdatedAt, cancellationToken).ConfigureAwait(false))
        {
            yield return view;
        }
    }

    /// <inheritdoc />
    public async Task<ScheduleCreation> CreateScheduleAsync(ScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        var accepted = Accept(await Ask(() => _client.CreateScheduleAsync(spec, cancellationToken)).ConfigureAwait(false));
        return new ScheduleCreation(accepted.Schedule, accepted.Created);
    }

    /// <inheritdoc />
    public Task<ScheduleView> GetScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        Run(() => _client.GetScheduleAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default) =>
        List(query?.Validate(), () => _client.ListSchedulesAsync(query!, cancellationToken), StandardProblems.InvalidScheduleQuery);

    /// <inheritdoc />
    public Task<ScheduleView> PauseScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        Run(() => _client.PauseScheduleAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<ScheduleView> ResumeScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        Run(() => _client.ResumeScheduleAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<ScheduleView> DeleteScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        Run(() => _client.DeleteScheduleAsync(id, cancellationToken));

    private static async Task<TaskView> Run(Func<Task<TaskReply>> command) => Accept(await Ask(command).ConfigureAwait(false)).Task;

    private static async Task<ScheduleView> Run(Func<Task<ScheduleReply>> command) => Accept(await Ask(command).ConfigureAwait(false)).Schedule;

    private static TaskReply.Accepted Accept(TaskReply reply) =>
        reply as TaskReply.Accepted ?? throw ProblemExceptions.Of(StandardProblems.Of(reply)!);

    private static ScheduleReply.Accepted Accept(ScheduleReply reply) =>
        reply as ScheduleReply.Accepted ?? throw ProblemExceptions.Of(StandardProblems.Of(reply)!);

    // An entity that does not answer in time is what the API answers 503 for: worth a retry, nothing known changed.
    private static async Task<T> Ask<T>(Func<Task<T>> ask)
    {
        try
        {
            return await ask().ConfigureAwait(false);
        }
        catch (AskTimeoutException timeout)
        {
            throw new SchedulerUnavailableException(StandardProblems.AskTimedOut(timeout.Message));
        }
    }

    // The query's own check, answered as the API answers it: a validation problem naming the parameter.
    private static Task<T> List<T>(IReadOnlyList<ValidationError>? invalid, Func<Task<T>> list, string what) =>
        invalid is { Count: > 0 } ? throw ProblemExceptions.Of(StandardProblems.Invalid(invalid, what)) : list();
}
