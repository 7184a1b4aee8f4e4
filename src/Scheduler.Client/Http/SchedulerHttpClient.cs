using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Scheduler.Client.Json;
using Scheduler.Client.Problems;
using Scheduler.Client.Views;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Client.Http;

/// <summary>
/// The scheduler over its REST API, for programs outside the cluster. Every error answer becomes an exception derived
/// from <see cref="SchedulerProblemException"/>; a node that cannot be reached is an <see cref="HttpRequestException"/>;
/// a request that takes longer than <see cref="SchedulerClientOptions.Timeout"/> is a <see cref="TimeoutException"/>.
/// Thread-safe: use one instance for many requests.
/// </summary>
public sealed class SchedulerHttpClient : ISchedulerClient, IDisposable
{
    private const string SseEventState = "state";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly UnavailableRetry _retry;

    /// <summary>A client with its own <see cref="HttpClient"/>, configured from <paramref name="options"/>.</summary>
    public SchedulerHttpClient(SchedulerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new HttpClient { BaseAddress = WithSlash(options.BaseAddress), Timeout = options.Timeout };
        if (options.Token is { } token)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _ownsHttp = true;
        _retry = new UnavailableRetry(options.RetryUnavailableFor, TimeProvider.System);
    }

    /// <summary>
    /// A client over an <see cref="HttpClient"/> the caller configured (its <see cref="HttpClient.BaseAddress"/> is the
    /// node's API, its default headers carry the token); the caller disposes it. Requests safe to repeat are repeated
    /// for <paramref name="retryUnavailableFor"/> (default <see cref="SchedulerClientOptions.DefaultRetryUnavailableFor"/>)
    /// while the node is unavailable.
    /// </summary>
    public SchedulerHttpClient(HttpClient http, TimeSpan? retryUnavailableFor = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress: the node's API, such as http://127.0.0.1:5080/", nameof(http));
        }

        _http = http;
        _retry = new UnavailableRetry(retryUnavailableFor ?? SchedulerClientOptions.DefaultRetryUnavailableFor, TimeProvider.System);
    }

    /// <summary>The node's API this client talks to.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <inheritdoc />
    public async Task<Submission> SubmitAsync(TaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // A submit without an id or key gets a new id on the server: repeating it could create a second task.
        var (task, created) = await CreateAsync<TaskView>("api/tasks", spec, spec.Id is not null || spec.IdempotencyKey is not null, cancellationToken)
            .ConfigureAwait(false);
        return new Submission(task, created);
    }

    /// <inheritdoc />
    public Task<TaskView> GetAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Get, TaskPath(id), cancellationToken);

    /// <inheritdoc />
    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CallAsync<TaskPage>(HttpMethod.Get, "api/tasks" + QueryString.Of(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<TaskView> PauseAsync(string id, RunningPausePolicy running = RunningPausePolicy.LetFinish, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Post, TaskPath(id) + "/pause" + QueryString.Build(("running", ApiJson.Name(running))), cancellationToken);

    /// <inheritdoc />
    public Task<TaskView> ResumeAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Post, TaskPath(id) + "/resume", cancellationToken);

    /// <inheritdoc />
    public Task<TaskView> CancelAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Post, TaskPath(id) + "/cancel" + QueryString.Build(("reason", reason)), cancellationToken);

    /// <inheritdoc />
    public Task<TaskView> RerunAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Post, TaskPath(id) + "/rerun", cancellationToken, repeatable: false);

    /// <inheritdoc />
    public Task<TaskView> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<TaskView>(HttpMethod.Delete, TaskPath(id), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The server-sent events of <c>GET /api/tasks/{id}/watch</c>. If the stream ends before the task has (the node
    /// stopped), the watch throws <see cref="SchedulerUnavailableException"/>: watch again to follow on.
    /// </remarks>
    public async IAsyncEnumerable<TaskView> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = TaskPath(id) + "/watch";
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            return request;
        }, HttpCompletionOption.ResponseHeadersRead, repeatable: true, cancellationToken).ConfigureAwait(false);
        await AnswerReader.ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            TaskView? last = null;
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(item.EventType, SseEventState, StringComparison.Ordinal))
                {
                    last = JsonSerializer.Deserialize<TaskView>(item.Data, ApiJson.Tolerant)!;
                    yield return last;
                }
            }

            if (last is null || !last.State.IsEnded())
            {
                throw new SchedulerUnavailableException(StandardProblems.Unavailable(
                    "the watch of task '" + id + "' ended before the task did (the node stopped or the connection closed); watch again to follow on"));
            }
        }
    }

    /// <inheritdoc />
    public async Task<ScheduleCreation> CreateScheduleAsync(ScheduleSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (schedule, created) = await CreateAsync<ScheduleView>("api/schedules", spec, repeatable: true, cancellationToken).ConfigureAwait(false);
        return new ScheduleCreation(schedule, created);
    }

    /// <inheritdoc />
    public Task<ScheduleView> GetScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<ScheduleView>(HttpMethod.Get, SchedulePath(id), cancellationToken);

    /// <inheritdoc />
    public Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CallAsync<SchedulePage>(HttpMethod.Get, "api/schedules" + QueryString.Of(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ScheduleView> PauseScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<ScheduleView>(HttpMethod.Post, SchedulePath(id) + "/pause", cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleView> ResumeScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<ScheduleView>(HttpMethod.Post, SchedulePath(id) + "/resume", cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleView> DeleteScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync<ScheduleView>(HttpMethod.Delete, SchedulePath(id), cancellationToken);

    /// <summary>The members as the node sees them, with the leader.</summary>
    public Task<ClusterOverview> GetClusterAsync(CancellationToken cancellationToken = default) =>
        CallAsync<ClusterOverview>(HttpMethod.Get, "api/cluster", cancellationToken);

    /// <summary>Asks the member at <paramref name="address"/> to leave the cluster; answers the membership as it is now (the leave goes on by gossip).</summary>
    public Task<ClusterOverview> LeaveAsync(string address, CancellationToken cancellationToken = default) =>
        MemberAsync("api/cluster/leave", address, cancellationToken);

    /// <summary>Marks the member at <paramref name="address"/> down: its shards and tasks move to the others. Only for a member known to be gone.</summary>
    public Task<ClusterOverview> DownAsync(string address, CancellationToken cancellationToken = default) =>
        MemberAsync("api/cluster/down", address, cancellationToken);

    /// <summary>Every worker with its load, and the ready tasks per node.</summary>
    public Task<WorkersOverview> GetWorkersAsync(CancellationToken cancellationToken = default) =>
        CallAsync<WorkersOverview>(HttpMethod.Get, "api/workers", cancellationToken);

    /// <summary>Where each task and schedule shard lives.</summary>
    public Task<ShardsOverview> GetShardsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<ShardsOverview>(HttpMethod.Get, "api/shards", cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<ClusterOverview> MemberAsync(string path, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var response = await SendAsync(HttpMethod.Post, path, new MemberRequest(address), repeatable: false, cancellationToken).ConfigureAwait(false);
        return await AnswerReader.ReadAsync<ClusterOverview>(response, cancellationToken).ConfigureAwait(false);
    }

    // A POST that answers 201 when it created the item and 200 when the same item existed.
    private async Task<(T Item, bool Created)> CreateAsync<T>(string path, object body, bool repeatable, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, repeatable, cancellationToken).ConfigureAwait(false);
        return (await AnswerReader.ReadAsync<T>(response, cancellationToken).ConfigureAwait(false), response.StatusCode == System.Net.HttpStatusCode.Created);
    }

    private async Task<T> CallAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken, bool repeatable = true)
    {
        using var response = await SendAsync(method, path, body: null, repeatable, cancellationToken).ConfigureAwait(false);
        return await AnswerReader.ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, bool repeatable, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
            }

            return request;
        }, HttpCompletionOption.ResponseContentRead, repeatable, cancellationToken);

    // Each attempt sends a new request (a sent one cannot be sent again). HttpClient reports its own timeout as a
    // TaskCanceledException, which a caller cannot tell from its own cancellation; it becomes a TimeoutException here.
    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, HttpCompletionOption completion, bool repeatable, CancellationToken cancellationToken) =>
        _retry.SendAsync(async cancel =>
        {
            using var request = build();
            try
            {
                return await _http.SendAsync(request, completion, cancel).ConfigureAwait(false);
            }
            catch (TaskCanceledException timeout) when (!cancel.IsCancellationRequested)
            {
                throw new TimeoutException(request.Method + " " + request.RequestUri + " got no answer within " + _http.Timeout.TotalSeconds + "s", timeout);
            }
        }, repeatable, cancellationToken);

    private static string TaskPath(string id) => "api/tasks/" + Segment(id, "task");

    private static string SchedulePath(string id) => "api/schedules/" + Segment(id, "schedule");

    // An empty id would address the collection instead of one item, so it is refused here, before any request.
    private static string Segment(string id, string what) => string.IsNullOrWhiteSpace(id)
        ? throw new SchedulerValidationException(StandardProblems.Invalid([new ValidationError("id", "is empty")], "The " + what + " id is invalid"))
        : Uri.EscapeDataString(id);

    private static Uri WithSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
